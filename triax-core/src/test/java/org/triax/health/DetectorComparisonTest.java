package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code evaluate} says which detector wins on the data, and on which classes the other one does. */
class DetectorComparisonTest {

    private static AnomalyEvaluation.DetectorReport report(double recordings, double windows, Map<String, Double> perClass,
                                                           Map<String, Double> perClassWindows) {
        return new AnomalyEvaluation.DetectorReport(metrics(windows), metrics(recordings), perClass, perClassWindows, null,
                null);
    }

    private static DetectionMetrics metrics(double auc) {
        return new DetectionMetrics(10, 10, auc, auc, 1, 1, 1, 0);
    }

    @Test
    void theHigherRecordingAucWinsAndTheClassesTheOtherSeparatesBetterAreNamed() {
        Map<String, AnomalyEvaluation.DetectorReport> d = new LinkedHashMap<>();
        d.put("autoencoder", report(0.95, 0.96, Map.of("inner", 0.90, "outer", 1.0), Map.of("inner", 0.91, "outer", 1.0)));
        d.put("indicators", report(1.0, 0.99, Map.of("inner", 1.0, "outer", 1.0), Map.of("inner", 1.0, "outer", 0.98)));
        AnomalyEvaluation.Report r = new AnomalyEvaluation.Report("scope", "normal", d);
        assertEquals("better here: indicators (ROC AUC recordings / windows: indicators 1.0000 / 0.9900, autoencoder 0.9500 / "
                + "0.9600); autoencoder better on outer", r.comparison());
    }

    @Test
    void equalAucsAreATieAndOneDetectorHasNothingToCompare() {
        Map<String, AnomalyEvaluation.DetectorReport> d = new LinkedHashMap<>();
        d.put("indicators", report(1.0, 1.0, Map.of("b", 1.0), Map.of("b", 1.0)));
        d.put("autoencoder", report(1.0, 1.0, Map.of("b", 1.0), Map.of("b", 1.0)));
        assertEquals("the detectors tie here (ROC AUC recordings / windows: indicators 1.0000 / 1.0000, autoencoder 1.0000 / "
                + "1.0000)", new AnomalyEvaluation.Report("s", "n", d).comparison());
        assertEquals("", new AnomalyEvaluation.Report("s", "n", Map.of("indicators", d.get("indicators"))).comparison());
    }
}
