package org.triax.bench;

import org.triax.model.Design;
import org.triax.model.NetworkSpec;

/**
 * Floating-point operations of the network per sample, counting a multiply-add as 2. Training is
 * taken as 3x the forward pass (forward, gradient w.r.t. inputs, gradient w.r.t. weights).
 */
final class Flops {
    private Flops() {
    }

    static double forwardPerSample(NetworkSpec spec) {
        int groups = spec.design() == Design.SEPARATE ? spec.channels() : 1;
        long h = spec.bins();
        long w = spec.frames();
        long in = spec.channels();
        double flops = 0;
        for (int width : spec.widths()) {
            long out = (long) width * groups;
            flops += 2.0 * h * w * out * (in / groups) * 9;
            h /= 2;
            w /= 2;
            in = out;
        }
        flops += 2.0 * in * spec.dense() + 2.0 * spec.dense() * spec.classes();
        return flops;
    }

    static double trainingPerSample(NetworkSpec spec) {
        return 3 * forwardPerSample(spec);
    }
}
