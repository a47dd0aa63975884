package org.triax.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.triax.TriaxException;
import org.triax.artifact.TrainConfig;
import org.triax.model.Design;
import org.triax.studio.TrainOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The studio's training options are {@code triax train}'s: the same mixins, parsed by picocli,
 * so the form has the CLI's options, defaults and checks, and nothing is read twice.
 */
public final class StudioTrainOptions implements TrainOptions {
    /** Left out: --groups names a manifest by any path (outside the data root's checks). */
    private static final Set<String> HIDDEN = Set.of("groups", "help", "version");
    private static final Map<String, List<String>> CHOICES = Map.of(
            "mode", List.of("both", "separate", "fused"),
            "taper", List.of("hann", "hamming", "blackman", "rectangular"),
            "split-protocol", List.of("auto", "by-recording", "time-blocks", "by-group"));

    /** The options of {@code triax train} that a run takes (not --data, --out: the studio chooses those). */
    @Command(name = "train")
    static final class Form {
        @Mixin
        TrainingOptionsMixin training;

        @Mixin
        DataOptionsMixin data;
    }

    @Override
    public List<Option> describe() {
        CommandLine cl = new CommandLine(new Form());
        List<Option> out = new ArrayList<>();
        cl.getCommandSpec().mixins().forEach((group, spec) -> {
            for (OptionSpec o : spec.options()) {
                String name = o.longestName().replaceFirst("^--", "");
                if (HIDDEN.contains(name)) {
                    continue;
                }
                String def = o.defaultValueString();
                def = def == null || def.equals("null") ? null : def;
                String description = String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(def))
                        .replace("%%", "%");
                out.add(new Option(name, group, type(o.type()), def, description, CHOICES.getOrDefault(name, List.of())));
            }
        });
        return out;
    }

    private static String type(Class<?> t) {
        if (t == boolean.class || t == Boolean.class) {
            return "boolean";
        }
        return t.isPrimitive() || Number.class.isAssignableFrom(t) ? "number" : "text";
    }

    @Override
    public Plan parse(Path data, Map<String, String> values) {
        Map<String, Option> known = new java.util.LinkedHashMap<>();
        describe().forEach(o -> known.put(o.name(), o));
        List<String> args = new ArrayList<>();
        values.forEach((name, value) -> {
            Option o = known.get(name);
            if (o == null) {
                throw new TriaxException("unknown training option '" + name + "' (options: " + String.join(", ", known.keySet()) + ")");
            }
            String v = value == null ? "" : value.strip();
            if (o.type().equals("boolean")) {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new TriaxException("--" + name + " is true or false, got '" + value + "'");
                }
                if (v.equals("true")) {
                    args.add("--" + name);
                }
            } else if (!v.isEmpty()) {
                args.add("--" + name + "=" + v);
            }
        });
        Form form = new Form();
        try {
            new CommandLine(form).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new TriaxException(e.getMessage(), e);
        }
        List<Design> designs = form.training.designs();
        TrainConfig cfg = form.training.config();
        return new Plan(form.data.toOptions(data, cfg.seed()), designs, cfg);
    }
}
