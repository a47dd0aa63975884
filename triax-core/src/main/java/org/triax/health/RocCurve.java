package org.triax.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve of anomaly scores: normal recordings (negatives) against the others (positives),
 * higher score = more anomalous. Tied scores make one diagonal step, so the area equals the
 * Mann-Whitney probability that a random positive scores above a random negative (ties half).
 *
 * @param fpr false-positive rate of each corner, from 0 to 1
 * @param tpr true-positive rate of each corner
 */
public record RocCurve(double[] fpr, double[] tpr) {

    public static RocCurve of(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) {
            throw new IllegalArgumentException("a ROC curve needs negatives and positives, got " + negatives.length + " and "
                    + positives.length);
        }
        double[] neg = negatives.clone();
        double[] pos = positives.clone();
        Arrays.sort(neg);
        Arrays.sort(pos);
        List<double[]> corners = new ArrayList<>();
        corners.add(new double[] {0, 0});
        int i = neg.length - 1;
        int j = pos.length - 1;
        // sweep the threshold down through every distinct score
        while (i >= 0 || j >= 0) {
            double s = Math.max(i >= 0 ? neg[i] : Double.NEGATIVE_INFINITY, j >= 0 ? pos[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && neg[i] == s) {
                i--;
            }
            while (j >= 0 && pos[j] == s) {
                j--;
            }
            corners.add(new double[] {(double) (neg.length - 1 - i) / neg.length, (double) (pos.length - 1 - j) / pos.length});
        }
        return new RocCurve(corners.stream().mapToDouble(c -> c[0]).toArray(), corners.stream().mapToDouble(c -> c[1]).toArray());
    }

    /** Area under the whole curve. */
    public double auc() {
        return area(1);
    }

    /**
     * Area under the curve for false-positive rates up to {@code maxFpr}, standardised as McClish
     * (1989) and scikit-learn's {@code roc_auc_score(max_fpr=...)} do: 0.5 for a useless
     * detector (the diagonal), 1 for a perfect one: {@code 0.5 (1 + (A - A_min) / (A_max - A_min))}
     * with {@code A_min = maxFpr^2 / 2} (the diagonal) and {@code A_max = maxFpr}.
     */
    public double partialAuc(double maxFpr) {
        double a = area(maxFpr);
        double min = maxFpr * maxFpr / 2;
        return 0.5 * (1 + (a - min) / (maxFpr - min));
    }

    /** Trapezoidal area from FPR 0 to {@code limit}, the last segment cut by linear interpolation. */
    private double area(double limit) {
        double sum = 0;
        for (int k = 1; k < fpr.length && fpr[k - 1] < limit; k++) {
            double x0 = fpr[k - 1];
            double x1 = Math.min(fpr[k], limit);
            double y1 = fpr[k] == x0 ? tpr[k] : tpr[k - 1] + (tpr[k] - tpr[k - 1]) * (x1 - x0) / (fpr[k] - x0);
            sum += (x1 - x0) * (tpr[k - 1] + y1) / 2;
        }
        return sum;
    }
}
