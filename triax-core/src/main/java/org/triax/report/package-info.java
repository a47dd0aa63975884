/**
 * Report plots written as PNG files: training curves, confusion matrices and spectrograms (one
 * channel as a heat map, or three channels fused into an RGB image). Inputs are plain arrays and
 * lists, so this package depends on no other triax stage. Charts use JFreeChart and render
 * headless; bad input throws {@link IllegalArgumentException}, a file that cannot be written
 * throws {@link org.triax.TriaxException}.
 */
package org.triax.report;
