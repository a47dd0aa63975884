/**
 * Stage 1: recordings in (CSV, MAT v5/v7.3, HDF5, WAV) as named channels with a sampling rate,
 * time stamp and counter columns left out; resampling; fixed windows; STFT log-power spectrograms
 * (JTransforms). {@link org.triax.signal.Preprocessing} is the contract saved with each model.
 */
package org.triax.signal;
