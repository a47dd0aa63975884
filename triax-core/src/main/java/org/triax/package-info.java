/**
 * triax: vibration recordings to STFT spectrograms to CNN models and predictions. One package per
 * pipeline stage: {@code signal} (recordings, windows, STFT), {@code dataset} (class folders,
 * leak-free splits, tensors), {@code model} (the separate and fused designs), {@code train}
 * (training loop, metrics, model artifact), {@code report} (plots), {@code onnx} (the portable
 * ONNX model and ONNX Runtime inference), {@code predict} (scoring new recordings), {@code cli}
 * (thin picocli commands).
 */
package org.triax;
