/**
 * The training loop (Adam, seeded shuffles, best validation epoch kept) and the train job that
 * writes each model with its metrics JSON, plots and ONNX export (through {@code artifact}).
 */
package org.triax.train;
