package org.triax.artifact;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.triax.TriaxException;

/**
 * The cloud of normal feature vectors and the Mahalanobis distance to it. Features are
 * standardised by the normal mean and standard deviation; their correlation matrix is shrunk
 * toward the identity (the covariance toward its diagonal) with the Schäfer-Strimmer estimate of
 * the best shrinkage intensity (Schäfer and Strimmer 2005, target "D"): computed from the data,
 * near 0 when there are many windows per feature, larger when few, so that a handful of normal
 * windows or features that move together (RMS and every band energy) still give a well
 * conditioned inverse.
 *
 * @param mean per feature
 * @param scale standard deviation per feature (at least {@link #MIN_SCALE})
 * @param precision inverse of the shrunk correlation matrix, row-major
 * @param shrinkage the intensity used, in [0, 1]
 */
public record NormalCloud(double[] mean, double[] scale, double[][] precision, double shrinkage, int windows) {

    /**
     * Smallest standard deviation: a feature constant over the normal windows (a band at the dB
     * floor) counts as known to 1e-6 of its unit instead of dividing by zero.
     */
    static final double MIN_SCALE = 1e-6;

    /** Fits the cloud to {@code rows} (one feature vector per window; at least 2). */
    public static NormalCloud fit(double[][] rows) {
        int n = rows.length;
        if (n < 2) {
            throw new TriaxException("the normal model needs at least 2 windows to fit, got " + n);
        }
        int p = rows[0].length;
        double[] mean = new double[p];
        for (double[] r : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] scale = new double[p];
        for (double[] r : rows) {
            for (int j = 0; j < p; j++) {
                double d = r[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < p; j++) {
            scale[j] = Math.max(Math.sqrt(scale[j] / (n - 1)), MIN_SCALE);
        }
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                z[i][j] = (rows[i][j] - mean[j]) / scale[j];
            }
        }
        double[][] corr = new double[p][p];
        double varianceSum = 0;
        double squareSum = 0;
        for (int a = 0; a < p; a++) {
            corr[a][a] = 1;
            for (int b = a + 1; b < p; b++) {
                double sum = 0;
                for (double[] zi : z) {
                    sum += zi[a] * zi[b];
                }
                double wbar = sum / n;
                double dev = 0;
                for (double[] zi : z) {
                    double d = zi[a] * zi[b] - wbar;
                    dev += d * d;
                }
                double r = sum / (n - 1);
                corr[a][b] = r;
                corr[b][a] = r;
                // Var(r_ab) = n / (n-1)^3 * sum_k (w_kab - wbar_ab)^2; both sums over a < b count each pair once
                varianceSum += n / Math.pow(n - 1, 3) * dev;
                squareSum += r * r;
            }
        }
        double lambda = squareSum == 0 ? 1 : Math.min(1, Math.max(0, varianceSum / squareSum));
        // rounding can leave exactly collinear features not positive definite at a tiny intensity:
        // then the smallest intensity from 1e-9 up, in steps of 10, that is positive definite is used
        for (double l = lambda; ; l = Math.min(1, Math.max(1e-9, l * 10))) {
            double[][] inverse = shrunkInverse(corr, l);
            if (inverse != null) {
                return new NormalCloud(mean, scale, inverse, l, n);
            }
        }
    }

    /** Inverse of {@code (1 - lambda) R + lambda I}, or null when it is not positive definite. */
    private static double[][] shrunkInverse(double[][] corr, double lambda) {
        int p = corr.length;
        double[][] shrunk = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                shrunk[a][b] = a == b ? 1 : (1 - lambda) * corr[a][b];
            }
        }
        try {
            RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(shrunk, false), 1e-12, 1e-12)
                    .getSolver().getInverse();
            return inverse.getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
    }

    public int features() {
        return mean.length;
    }

    /** Mahalanobis distance of one feature vector to the cloud (in standard deviations). */
    public double distance(double[] x) {
        int p = mean.length;
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            z[j] = (x[j] - mean[j]) / scale[j];
        }
        double sum = 0;
        for (int a = 0; a < p; a++) {
            double row = 0;
            double[] pa = precision[a];
            for (int b = 0; b < p; b++) {
                row += pa[b] * z[b];
            }
            sum += z[a] * row;
        }
        return Math.sqrt(Math.max(sum, 0));
    }
}
