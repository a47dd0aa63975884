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
        State[] s = new State[index.length];
        int run = 0;
        for (int i = 0; i < index.length; i++) {
            run = index[i] > 1 ? run + 1 : 0;
            s[i] = run == 0 ? State.NORMAL : run >= persist ? State.ALARM : State.ABOVE;
        }
        return s;
    }

    /** The first snapshot in alarm, or -1. */
    public int firstAlarm(double[] index) {
        State[] s = states(index);
        for (int i = 0; i < s.length; i++) {
            if (s[i] == State.ALARM) {
                return i;
            }
        }
        return -1;
    }

    public double[] trend(double[] index) {
        double alpha = 2.0 / (persist + 1);
        double[] t = new double[index.length];
        for (int i = 0; i < index.length; i++) {
            t[i] = i == 0 ? index[0] : alpha * index[i] + (1 - alpha) * t[i - 1];
        }
        return t;
    }
}
