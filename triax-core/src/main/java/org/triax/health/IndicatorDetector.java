package org.triax.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.triax.TriaxException;
import org.triax.artifact.AnomalyModelMetadata;
import org.triax.artifact.BaselineConfig;
import org.triax.artifact.ModelArtifact;
import org.triax.dataset.SplitPlan;
import org.triax.dataset.Subset;
import org.triax.signal.ConditionIndicators;
import org.triax.signal.Preprocessing;
import org.triax.signal.Recording;

/**
 * The classical detector, what a vibration engineer checks first and the floor a learned detector
 * must beat: per window and channel the {@link ConditionIndicators} (RMS, peak and kurtosis as
 * natural logs, so that a doubling counts the same at any level; crest factor as is, its log would
 * repeat ln peak - ln RMS; band energies in dB, already logarithmic), and as score the Mahalanobis
 * distance of the window's vector to the normal cloud ({@link NormalCloud}).
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
        ConditionIndicators ci = new ConditionIndicators(pre, config.bands());
        List<double[]> rows = new ArrayList<>();
        for (SplitPlan.Block b : normal.blocks(Subset.TRAIN)) {
            Recording r = normal.data().recordings().get(b.recording());
            rows.addAll(List.of(vectors(ci, r, normal.starts(b))));
        }
        NormalCloud cloud = NormalCloud.fit(rows.toArray(new double[0][]));
        log.printf(Locale.ROOT, "%s: %d features per window (%d channels x %d), fitted on %d windows, shrinkage %.4f%n",
                NAME, cloud.features(), pre.channelCount(), ci.perChannel(), cloud.windows(), cloud.shrinkage());
        List<String> names = new ArrayList<>();
        for (String ch : pre.channels()) {
            ci.names().forEach(n -> names.add(ch + "." + n));
        }
        Parameters p = new Parameters(config.bands(), names, ci.bandRanges(), cloud);
        return new Fitted(new Scorer(ci, cloud), ModelArtifact.JSON.valueToTree(p), null);
    }

    @Override
    public WindowScorer open(AnomalyModelMetadata model, AnomalyModelMetadata.Detector saved, byte[] weights) {
        Parameters p;
        try {
            p = ModelArtifact.JSON.treeToValue(saved.parameters(), Parameters.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TriaxException("the model's " + NAME + " detector is unreadable (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        ConditionIndicators ci = new ConditionIndicators(model.preprocessing(), p.bands());
        if (p.cloud().features() != ci.perChannel() * model.preprocessing().channelCount()) {
            throw new TriaxException("the model's " + NAME + " detector has " + p.cloud().features() + " features, its "
                    + "preprocessing gives " + ci.perChannel() * model.preprocessing().channelCount());
        }
        return new Scorer(ci, p.cloud());
    }

    /** The detector's vector of every window (in parallel: the indicators are the costly part). */
    static double[][] vectors(ConditionIndicators ci, Recording r, int[] starts) {
        double[][] out = new double[starts.length][];
        IntStream.range(0, starts.length).parallel().forEach(i -> out[i] = vector(ci, r, starts[i]));
        return out;
    }

    private static double[] vector(ConditionIndicators ci, Recording r, int start) {
        double[] v = ci.window(r, start);
        for (int c = 0; c < r.channelCount(); c++) {
            int o = c * ci.perChannel();
            v[o] = ln(v[o]); // RMS
            v[o + 1] = ln(v[o + 1]); // peak
            v[o + 3] = ln(v[o + 3]); // kurtosis; v[o + 2], the crest factor, stays linear
        }
        return v;
    }

    /** ln with a floor for silent windows (1e-12: far below any sensor's noise in any unit). */
    private static double ln(double x) {
        return Math.log(Math.max(x, 1e-12));
    }

    /** Distances of windows to the fitted cloud. */
    private record Scorer(ConditionIndicators indicators, NormalCloud cloud) implements WindowScorer {
        @Override
        public double[] scores(Recording conformed, int[] starts) {
            double[][] v = vectors(indicators, conformed, starts);
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
