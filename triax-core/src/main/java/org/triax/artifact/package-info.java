/**
 * The model artifact core every stage shares: the self-describing model files of both kinds
 * ({@link org.triax.artifact.ModelKind}: classifiers and anomaly models of normal vibration), their
 * metadata (config, preprocessing, split, metrics, provenance), the naming rule, the verdict rule
 * that turns window probabilities into a recording's answer and the alarm threshold rule of the
 * anomaly models. {@code train} and {@code health} write it; {@code onnx}, {@code predict} and
 * {@code health} read it; none of them imports another for it.
 */
package org.triax.artifact;
