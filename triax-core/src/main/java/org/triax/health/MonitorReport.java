package org.triax.health;

import java.util.List;
import java.util.Map;

/**
 * What {@code triax monitor} found in a run, as written to its JSON file.
 *
 * @param timeUnit unit of every {@code time}: s, min, h, d when the snapshots' times are known (or
 *     {@code --interval} gives them), else "snapshot" (the 1-based position in the run)
 * @param firstAlarms the first alarm each detector's index would raise, the alarm detector's first
 * @param failed snapshots that could not be scored (rows with an error, left out of the trend and the alarm)
 * @param rows one per snapshot, in time order
 * @param seconds wall time of reading and scoring the run
 */
public record MonitorReport(String model, String run, String orderedBy, int snapshots, int failed, List<String> detectors,
                            String alarmDetector, Map<String, Double> thresholds, int persist, String timeUnit,
                            List<FirstAlarm> firstAlarms, List<Row> rows, double seconds) {

    /**
     * One snapshot.
     *
     * @param score per detector: the median window score (empty when the snapshot failed)
     * @param index per detector: score / threshold
     * @param trend smoothed index of the alarm detector (NaN when the snapshot failed)
     * @param state of the alarm detector ({@link AlarmRule.State}), or {@link #FAILED}
     * @param baseline whether the baseline learned from this snapshot (its run is the model's normal data)
     * @param error why the snapshot could not be scored, in one line; null when it was
     */
    public record Row(int snapshot, String file, double time, Map<String, Double> score, Map<String, Double> index,
                      double trend, String state, boolean baseline, String error) {
        /** The state of a snapshot that could not be scored. */
        public static final String FAILED = "FAILED";

        public boolean scored() {
            return error == null;
        }
    }

    /**
     * A detector's first alarm (snapshot -1 and NaN figures: none).
     *
     * @param beforeEnd time from the alarm to the last snapshot, in {@code timeUnit}
     * @param shareOfLife {@code beforeEnd} over the whole run (first to last snapshot)
     */
    public record FirstAlarm(String detector, int snapshot, String file, double time, int snapshotsBeforeEnd,
                             double beforeEnd, double shareOfLife) {
    }

    /** The alarm detector's first alarm. */
    public FirstAlarm firstAlarm() {
        return firstAlarms.get(0);
    }
}
