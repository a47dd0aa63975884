package org.triax.bench;

import java.util.ArrayList;
import java.util.List;
import org.triax.artifact.EpochStats;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.PreparedDataset;
import org.triax.model.Design;
import org.triax.model.NetworkSpec;
import org.triax.train.ModelTrainer;
import org.triax.train.TrainingListener;
import org.triax.train.TrainingResult;

/**
 * Training throughput of the real training loop ({@link ModelTrainer#train}) on random tensors:
 * epochs of {@code STEPS} batches of 32; the first epoch is warm-up, the median of the others is
 * reported (each epoch includes a 32-window validation pass, as the peer's does).
 *
 * <p>With a fourth argument {@code lockstep} the run is paced by bench/lockstep.py: it waits for a
 * line on stdin before training and after each epoch, and prints each epoch's seconds, so that
 * triax and the peer take turns epoch by epoch on the same machine state.
 */
final class TrainBench {
    private TrainBench() {
    }

    static void run(String[] args) {
        Design design = Design.parse(args[0]);
        int steps = Integer.parseInt(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        boolean lockstep = args.length > 3 && args[3].equals("lockstep");
        int batch = 32;
        PreparedDataset ds = Synthetic.dataset(steps * batch, batch);
        List<Double> perEpoch = new ArrayList<>();
        TrainingListener timing = new TrainingListener() {
            @Override
            public void epoch(EpochStats s, int total, boolean best) {
                perEpoch.add(s.seconds());
                if (lockstep) {
                    System.out.println(BenchMain.json("epoch_s", s.seconds()));
                    BenchMain.awaitTurn();
                }
            }
        };
        if (lockstep) {
            BenchMain.awaitTurn();
        }
        try (TrainingResult r = ModelTrainer.train(ds, design, new TrainConfig(epochs, batch, 1e-3f, 1, false), timing)) {
            double[] steady = perEpoch.subList(1, perEpoch.size()).stream().mapToDouble(Double::doubleValue).toArray();
            double sps = steps * batch / BenchMain.median(steady);
            NetworkSpec spec = r.network().spec();
            System.out.println(BenchMain.json("bench", "train", "engine", "triax-djl", "design", design.label(),
                    "input", spec.channels() + "x" + spec.bins() + "x" + spec.frames(), "batch", batch,
                    "samples_per_s", sps, "train_mflop_per_sample", Flops.trainingPerSample(spec) / 1e6,
                    "peak_rss_mb", BenchMain.peakRssKb() / 1024.0));
        }
    }
}
