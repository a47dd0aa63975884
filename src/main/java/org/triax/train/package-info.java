/**
 * Stage 4: the training loop (Adam, seeded shuffles, best validation epoch kept), metrics, and the
 * self-describing model file with its metrics JSON and plots.
 */
package org.triax.train;
