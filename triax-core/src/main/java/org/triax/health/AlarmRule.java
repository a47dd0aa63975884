package org.triax.health;

/**
 * When a run's health index raises an alarm: after {@code persist} consecutive snapshots above the
 * threshold (index > 1), so that one odd snapshot (a knock on the housing, a load change) does not;
 * the alarm lasts while the index stays above. The smoothed trend shown beside the index is an
 * exponential moving average with the same span ({@code alpha = 2 / (persist + 1)}), so that it
 * reacts on the time scale the alarm does and needs no constant of its own.
 */
public record AlarmRule(int persist) {

    /** The state of one snapshot. */
    public enum State {
        /** index at or below 1 */
        NORMAL,
        /** above 1, fewer than {@code persist} snapshots in a row so far */
        ABOVE,
        /** above 1 for {@code persist} snapshots in a row or more */
        ALARM
    }

    public AlarmRule {
        if (persist < 1) {
            throw new org.triax.TriaxException("--persist must be at least 1 snapshot, got " + persist);
        }
    }

    public State[] states(double[] index) {
        Tracker t = tracker();
        State[] s = new State[index.length];
        for (int i = 0; i < index.length; i++) {
            s[i] = t.next(index[i]);
        }
        return s;
    }

    /** The first snapshot in alarm, or -1. */
    public int firstAlarm(double[] index) {
        Tracker t = tracker();
        for (int i = 0; i < index.length; i++) {
            if (t.next(index[i]) == State.ALARM) {
                return i;
            }
        }
        return -1;
    }

    public double[] trend(double[] index) {
        Tracker t = tracker();
        double[] out = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            t.next(index[i]);
            out[i] = t.trend();
        }
        return out;
    }

    /** The rule applied one snapshot at a time, as a monitor scores them (and rebuilds them on --resume). */
    public Tracker tracker() {
        return new Tracker();
    }

    /** The state after the snapshots seen so far: how many in a row above 1, and the trend. */
    public final class Tracker {
        private int above;
        private double trend = Double.NaN;
        private int seen;

        private Tracker() {
        }

        /** Takes the next snapshot's index; returns its state. */
        public State next(double index) {
            above = index > 1 ? above + 1 : 0;
            double alpha = 2.0 / (persist + 1);
            trend = seen == 0 ? index : alpha * index + (1 - alpha) * trend;
            seen++;
            return above == 0 ? State.NORMAL : above >= persist ? State.ALARM : State.ABOVE;
        }

        /** The smoothed index after the last snapshot taken (NaN before the first). */
        public double trend() {
            return trend;
        }
    }
}
