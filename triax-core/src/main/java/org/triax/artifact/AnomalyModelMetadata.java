package org.triax.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.triax.TriaxException;
import org.triax.signal.Preprocessing;

/**
 * Everything an anomaly model file says about itself besides its weights: how recordings become
 * windows (the same contract as a classifier's), each detector with its parameters, alarm
 * threshold and held-out figures, and where the normal data came from (path, fingerprint, how it
 * was chosen, the split into fit / threshold / test blocks), with the settings, seed and version.
 *
 * @param alarmDetector the detector whose health index raises {@code monitor}'s alarm
 */
public record AnomalyModelMetadata(String format, int formatVersion, String kind, String triaxVersion, String createdAt,
                                   Preprocessing preprocessing, NormalData normal, ModelMetadata.Split split,
                                   BaselineConfig config, List<Detector> detectors, String alarmDetector, String device) {

    /** Version 2: a triax that reads only classifiers (version 1) says "upgrade" instead of misreading it. */
    public static final int FORMAT_VERSION = 2;

    public AnomalyModelMetadata {
        detectors = List.copyOf(detectors);
    }

    /**
     * The normal data.
     *
     * @param selection how the normal recordings were chosen, in words
     * @param normalClass the name the normal recordings go by (their class folder, or "normal")
     * @param fitWindows windows the detectors were fitted on; threshold and test windows are held out
     */
    public record NormalData(String path, String selection, String normalClass, String fingerprint, int recordings,
                             List<String> files, int fitWindows, int thresholdWindows, int testWindows, String variable,
                             List<String> notes) {
        public NormalData {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * One detector.
     *
     * @param name its kind's name ({@code indicators}, {@code autoencoder})
     * @param description what it computes, in words
     * @param parameters what it learned (its kind reads them back)
     * @param weights the model file entry holding its network weights (null: none)
     * @param test its figures on the held-out normal test blocks
     */
    public record Detector(String name, String description, AlarmThreshold threshold, NormalFigures test,
                           JsonNode parameters, String weights) {
    }

    /**
     * How a detector scores normal data it never saw (the test blocks: neither fitted on nor used for
     * the threshold).
     *
     * @param windowFalseAlarm share of windows above the threshold (the target is the false-alarm rate)
     * @param recordingFalseAlarm share of recordings whose median window score is above it
     * @param medianIndex median health index of the windows (score / threshold)
     */
    public record NormalFigures(int windows, double windowFalseAlarm, int recordings, double recordingFalseAlarm,
                                double medianIndex) {
    }

    public Detector detector(String name) {
        return detectors.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new TriaxException(
                "the model has no detector '" + name + "' (it has " + String.join(", ",
                        detectors.stream().map(Detector::name).toList()) + ")"));
    }
}
