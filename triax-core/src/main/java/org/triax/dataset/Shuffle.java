package org.triax.dataset;

import java.util.Random;

/** The seeded order in which a training loop visits a set's windows (Fisher-Yates). */
public final class Shuffle {
    private Shuffle() {
    }

    /** 0..n-1 in the order {@code rnd} draws: the same seed gives the same order, whatever trains. */
    public static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
