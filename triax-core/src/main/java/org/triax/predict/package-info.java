/**
 * Stage 6: scoring new recordings from a model file alone (per-window probabilities, per-recording
 * verdicts) and evaluating a model on a labelled folder.
 */
package org.triax.predict;
