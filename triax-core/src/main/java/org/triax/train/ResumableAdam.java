package org.triax.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.triax.TriaxException;

/**
 * Adam whose state can be saved and restored: DJL's {@code Adam} keeps its moments and update
 * counts in private fields that no API reads or sets, so a checkpoint could not carry them. This
 * is DJL 0.36's Adam step for step (same defaults, the same bias-corrected rate, the same fused
 * engine kernel {@code adamUpdate}), with its state in the open: the step count and, per
 * parameter, the first and second moment.
 */
final class ResumableAdam extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    /** The moments of one parameter, flat, for a checkpoint. */
    record Moments(float[] mean, float[] variance) {
    }

    private final float learningRate;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    /** DJL's update count: the largest count of any parameter (every step updates them all). */
    private int steps;

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }

    ResumableAdam(float learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int count = counts.merge(parameterId, 1, Integer::sum);
        steps = Math.max(steps, count);
        int t = steps;
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
        NDArray mean = means.computeIfAbsent(parameterId, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(parameterId, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight),
                learningRate, corrected, getWeightDecay(), rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    int steps() {
        return steps;
    }

    /** Each parameter's moments by parameter name (ids are random per process, names are not). */
    Map<String, Moments> moments(PairList<String, Parameter> parameters) {
        Map<String, Moments> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : parameters) {
            NDArray m = means.get(p.getValue().getId());
            if (m != null) {
                out.put(p.getKey(), new Moments(m.toFloatArray(), variances.get(p.getValue().getId()).toFloatArray()));
            }
        }
        return out;
    }

    /** Restores a checkpoint's state onto this process's parameters. */
    void restore(int steps, Map<String, Moments> saved, PairList<String, Parameter> parameters) {
        this.steps = steps;
        for (Pair<String, Parameter> p : parameters) {
            Moments m = saved.get(p.getKey());
            if (m == null) {
                continue;
            }
            NDArray w = p.getValue().getArray();
            if (m.mean().length != w.size() || m.variance().length != w.size()) {
                throw new TriaxException("checkpoint optimizer state of " + p.getKey() + " has " + m.mean().length
                        + " values for a parameter of " + w.size());
            }
            String id = p.getValue().getId();
            means.put(id, w.getManager().create(m.mean(), w.getShape()));
            variances.put(id, w.getManager().create(m.variance(), w.getShape()));
            counts.put(id, steps);
        }
    }
}
