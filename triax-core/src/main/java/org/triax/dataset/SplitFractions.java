package org.triax.dataset;

import org.triax.TriaxException;

/** Shares of train / validation / test; each > 0, summing to 1. */
public record SplitFractions(double train, double validation, double test) {

    public static final SplitFractions DEFAULT = new SplitFractions(0.70, 0.15, 0.15);

    public SplitFractions {
        if (!(train > 0) || !(validation > 0) || !(test > 0)) {
            throw new TriaxException("split fractions must each be > 0, got " + train + "/" + validation + "/" + test);
        }
        if (Math.abs(train + validation + test - 1.0) > 1e-6) {
            throw new TriaxException("split fractions must sum to 1, got " + train + " + " + validation + " + "
                    + test + " = " + (train + validation + test));
        }
    }

    /** Parses "0.7,0.15,0.15" or "70/15/15" (percent when the sum is 100). */
    public static SplitFractions parse(String text) {
        String[] parts = text.split("[,/:]");
        if (parts.length != 3) {
            throw new TriaxException("--split must be three numbers train,validation,test, got '" + text + "'");
        }
        double[] v = new double[3];
        try {
            for (int i = 0; i < 3; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new TriaxException("--split must be three numbers train,validation,test, got '" + text + "'");
        }
        double sum = v[0] + v[1] + v[2];
        double scale = Math.abs(sum - 100) < 1e-6 ? 100 : 1;
        return new SplitFractions(v[0] / scale, v[1] / scale, v[2] / scale);
    }
}
