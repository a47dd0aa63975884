package org.triax.artifact;

/**
 * Classification metrics of one set of windows. Per-class arrays follow the model's class order;
 * {@code confusion[true][predicted]} counts windows.
 */
public record Metrics(int count, double accuracy, double macroF1, double[] precision, double[] recall,
                      double[] f1, int[] support, int[][] confusion) {

    public static Metrics of(int[] truth, int[] predicted, int classes) {
        int[][] cm = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            cm[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) {
                correct++;
            }
        }
        double[] p = new double[classes];
        double[] r = new double[classes];
        double[] f = new double[classes];
        int[] support = new int[classes];
        double f1Sum = 0;
        for (int c = 0; c < classes; c++) {
            int tp = cm[c][c];
            int predictedC = 0;
            for (int t = 0; t < classes; t++) {
                predictedC += cm[t][c];
                support[c] += cm[c][t];
            }
            // empty denominators count as 0 (sklearn's zero_division=0)
            p[c] = predictedC == 0 ? 0 : (double) tp / predictedC;
            r[c] = support[c] == 0 ? 0 : (double) tp / support[c];
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
            f1Sum += f[c];
        }
        double acc = truth.length == 0 ? 0 : (double) correct / truth.length;
        return new Metrics(truth.length, acc, f1Sum / classes, p, r, f, support, cm);
    }
}
