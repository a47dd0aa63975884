package org.triax.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.artifact.NormalCloud;
import org.triax.signal.IndicatorFeatures;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;

/**
 * The classical detector, what a vibration engineer checks first and the floor a learned detector
 * must beat: per window the condition indicators of every channel ({@link IndicatorFeatures}), and
 * as score the Mahalanobis distance of the window's vector to the normal cloud ({@link NormalCloud}).
 */
public final class IndicatorDetector implements DetectorKind {
    public static final String NAME = "indicators";

    /**
     * What the detector learned.
     *
     * @param features names of the vector's entries, channel by channel
     * @param bandRanges frequency range of each band
     */
    public record Parameters(int bands, List<String> features, List<String> bandRanges, NormalCloud cloud) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "condition indicators per window and channel (ln RMS, ln peak, crest factor, ln kurtosis, band energies "
                + "in dB), Mahalanobis distance to the normal windows with Schaefer-Strimmer shrinkage of the covariance "
                + "toward its diagonal";
    }

    @Override
    public Fitted fit(NormalSet normal, BaselineConfig config, PrintStream log) {
        Preprocessing pre = normal.data().preprocessing();
        IndicatorFeatures features = new IndicatorFeatures(pre, config.bands());
        List<double[]> rows = new ArrayList<>();
        for (SplitPlan.Block b : normal.blocks(Subset.TRAIN)) {
            Recording r = normal.data().recordings().get(b.recording());
            rows.addAll(List.of(features.vectors(r, normal.starts(b))));
        }
        NormalCloud cloud = NormalCloud.fit(rows.toArray(new double[0][]));
        log.printf(Locale.ROOT, "%s: %d features per window (%d channels x %d), fitted on %d windows, shrinkage %.4f%n",
                NAME, cloud.features(), pre.channelCount(), features.indicators().perChannel(), cloud.windows(),
                cloud.shrinkage());
        Parameters p = new Parameters(config.bands(), features.names(), features.indicators().bandRanges(), cloud);
        return new Fitted(new Scorer(features, cloud), ModelArtifact.JSON.valueToTree(p), null);
    }

    @Override
    public WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights) {
        Parameters p;
        try {
            p = ModelArtifact.JSON.treeToValue(saved.parameters(), Parameters.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TriaxException("the model's " + NAME + " detector is unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        IndicatorFeatures features = new IndicatorFeatures(model.preprocessing(), p.bands());
        if (p.cloud().features() != features.size()) {
            throw new TriaxException("the model's " + NAME + " detector has " + p.cloud().features() + " features, its "
                    + "preprocessing gives " + features.size());
        }
        return new Scorer(features, p.cloud());
    }

    /** Distances of windows to the fitted cloud. */
    private record Scorer(IndicatorFeatures features, NormalCloud cloud) implements WindowScorer {
        @Override
        public double[] scores(Recording conformed, int[] starts) {
            double[][] v = features.vectors(conformed, starts);
            double[] s = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                s[i] = cloud.distance(v[i]);
            }
            return s;
        }

        @Override
        public void close() {
            // nothing native
        }
    }
}
