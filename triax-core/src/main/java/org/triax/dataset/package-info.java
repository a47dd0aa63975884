/**
 * Stage 2: class folders to labelled recordings, leak-free train/validation/test splits (by
 * recording or by disjoint time blocks), window spectrogram tensors cached in memory, and
 * train-only normalisation statistics.
 */
package org.triax.dataset;
