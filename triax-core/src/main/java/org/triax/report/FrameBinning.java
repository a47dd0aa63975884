package org.triax.report;

/** Shrinks a long spectrogram for display by averaging groups of adjacent frames (in dB). */
public final class FrameBinning {
    private FrameBinning() {
    }

    /** Frames averaged per displayed column so that at most {@code maxFrames} remain. */
    public static int groupSize(int frames, int maxFrames) {
        return Math.max(1, (frames + maxFrames - 1) / maxFrames);
    }

    /** {@code db[bin][frame]} with each run of {@code group} frames replaced by its mean. */
    public static float[][] average(float[][] db, int group) {
        if (group <= 1) {
            return db;
        }
        int frames = db[0].length / group;
        float[][] out = new float[db.length][frames];
        for (int b = 0; b < db.length; b++) {
            for (int f = 0; f < frames; f++) {
                double sum = 0;
                for (int k = 0; k < group; k++) {
                    sum += db[b][f * group + k];
                }
                out[b][f] = (float) (sum / group);
            }
        }
        return out;
    }
}
