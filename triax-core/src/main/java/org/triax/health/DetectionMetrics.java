package org.triax.health;

/**
 * How well scores tell normal from anomalous, for one detector and one unit (windows or
 * recordings), anomalous being the positive class.
 *
 * @param partialAuc McClish-standardised area up to {@link #MAX_FPR} ({@link RocCurve#partialAuc})
 * @param precision share of alarms (score above the threshold) that are anomalous
 * @param recall share of anomalous units alarmed
 * @param falseAlarm share of normal units alarmed
 */
public record DetectionMetrics(int normal, int anomalous, double auc, double partialAuc, double precision, double recall,
                               double f1, double falseAlarm) {

    /** The false-positive range of the partial AUC: an alarm system is judged where false alarms are rare. */
    public static final double MAX_FPR = 0.1;

    public static DetectionMetrics of(double[] normalScores, double[] anomalousScores, double threshold) {
        RocCurve roc = RocCurve.of(normalScores, anomalousScores);
        int tp = count(anomalousScores, threshold);
        int fp = count(normalScores, threshold);
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = (double) tp / anomalousScores.length;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new DetectionMetrics(normalScores.length, anomalousScores.length, roc.auc(), roc.partialAuc(MAX_FPR), precision,
                recall, f1, (double) fp / normalScores.length);
    }

    private static int count(double[] scores, double threshold) {
        int n = 0;
        for (double s : scores) {
            if (s > threshold) {
                n++;
            }
        }
        return n;
    }
}
