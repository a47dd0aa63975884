/**
 * The model artifact core every stage shares: the self-describing model file and its metadata
 * (config, preprocessing, split, metrics, provenance), the naming rule, and the verdict rule that
 * turns window probabilities into a recording's answer. {@code train} writes it; {@code onnx} and
 * {@code predict} read it; none of them imports another for it.
 */
package org.triax.artifact;
