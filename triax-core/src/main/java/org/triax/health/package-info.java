/**
 * Health monitoring: learn a machine's normal vibration from normal recordings only, set an alarm
 * threshold from held-out normal data, and watch a run for the moment it stops looking normal.
 * Uses {@code signal} and {@code dataset} the way {@code train} does and writes the same kind of
 * self-describing model file ({@link org.triax.artifact.AnomalyModel}). Each detector kind (the
 * condition indicators with a Mahalanobis distance, the convolutional autoencoder) is one class
 * implementing {@link org.triax.health.DetectorKind}.
 */
package org.triax.health;
