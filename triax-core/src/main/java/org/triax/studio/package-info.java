/**
 * Stage 8 beside {@code cli}: triax studio, the browser workspace and its REST API
 * ({@code triax serve}). A thin shell over the same library calls the command line makes
 * (dataset index and readers, {@code report} plots, {@code train.TrainJob}, {@code predict.RecordingScorer},
 * {@code predict.VerdictFormat}); it holds no pipeline logic of its own, and its pages (static
 * files in the jar) use only its public API under {@code /api/v1}.
 */
package org.triax.studio;
