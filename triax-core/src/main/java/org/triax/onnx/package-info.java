/**
 * The portable model: a trained network exported to a standard ONNX graph (opset 17) with the
 * preprocessing contract in its metadata properties ({@link org.triax.onnx.OnnxExport}),
 * its int8 form ({@link org.triax.onnx.Int8Export}), and prediction with ONNX Runtime
 * ({@link org.triax.onnx.OnnxNetwork}), the default engine of
 * {@code triax predict} and {@code triax evaluate}.
 */
package org.triax.onnx;
