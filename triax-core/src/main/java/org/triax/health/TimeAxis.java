package org.triax.health;

/**
 * Where each snapshot of a run lies in time: seconds since the first snapshot when the run's
 * times are known (or {@code --interval} gives the spacing), shown in s for runs up to 5 min, min up to
 * 10 h, h up to 10 days, else days; else the snapshot's 1-based position. A snapshot whose time could
 * not be read is at NaN.
 */
record TimeAxis(double[] values, String unit) {

    static TimeAxis of(RunSnapshots run, double intervalSeconds) {
        int n = run.size();
        double[] seconds = new double[n];
        boolean known = run.times() != null || !Double.isNaN(intervalSeconds);
        double[] v = new double[n];
        if (!known) {
            for (int i = 0; i < n; i++) {
                v[i] = i + 1;
            }
            return new TimeAxis(v, "snapshot");
        }
        for (int i = 0; i < n; i++) {
            seconds[i] = run.times() != null ? run.elapsed(i) : i * intervalSeconds;
        }
        double span = java.util.Arrays.stream(seconds).filter(t -> !Double.isNaN(t)).max().orElse(0);
        String unit = span <= 300 ? "s" : span <= 10 * 3600 ? "min" : span <= 10 * 86400 ? "h" : "d";
        double scale = switch (unit) {
            case "s" -> 1;
            case "min" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        for (int i = 0; i < n; i++) {
            v[i] = seconds[i] / scale;
        }
        return new TimeAxis(v, unit);
    }

    double at(int i) {
        return values[i];
    }

    /** The first and last known times (a snapshot whose time could not be read has NaN). */
    double start() {
        return java.util.Arrays.stream(values).filter(t -> !Double.isNaN(t)).min().orElse(Double.NaN);
    }

    double end() {
        return java.util.Arrays.stream(values).filter(t -> !Double.isNaN(t)).max().orElse(Double.NaN);
    }
}
