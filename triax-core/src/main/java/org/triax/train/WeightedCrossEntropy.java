package org.triax.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy on logits with an optional weight per class:
 * {@code sum_i w[y_i] * -log p_i[y_i] / sum_i w[y_i]} (PyTorch's weighted mean). Unit weights give
 * the plain mean.
 */
final class WeightedCrossEntropy extends Loss {
    private final float[] classWeights;

    WeightedCrossEntropy(float[] classWeights) {
        super("WeightedCrossEntropy");
        this.classWeights = classWeights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow().toType(ai.djl.ndarray.types.DataType.INT64, false);
        NDArray picked = logits.logSoftmax(1).gather(y.reshape(-1, 1), 1).reshape(-1);
        NDArray w = logits.getManager().create(classWeights).gather(y, 0);
        return picked.mul(w).sum().neg().div(w.sum());
    }

    /** N / (K * n_c): each class contributes as if the data were balanced. */
    static float[] balanced(int[] labels, int classes) {
        int[] n = new int[classes];
        for (int l : labels) {
            n[l]++;
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = n[c] == 0 ? 0f : (float) labels.length / (classes * n[c]);
        }
        return w;
    }
}
