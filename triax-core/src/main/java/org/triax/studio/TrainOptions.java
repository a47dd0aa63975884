package org.triax.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.triax.artifact.TrainConfig;
import org.triax.dataset.DataOptions;
import org.triax.model.Design;

/**
 * The options of a training run, read as {@code triax train} reads them. The command line passes
 * its own parser in ({@code cli/StudioTrainOptions}), so the form, the API and the CLI take the
 * same options with the same defaults and the same checks.
 */
public interface TrainOptions {

    /**
     * One option as a form shows it.
     *
     * @param name the long option name without dashes ({@code epochs})
     * @param group "training" or "data"
     * @param type "boolean", "number" or "text"
     * @param defaultValue as the CLI's help shows it (null: none)
     * @param choices the values a text option takes (empty: free text)
     */
    record Option(String name, String group, String type, String defaultValue, String description,
                  List<String> choices) {
    }

    /** What a run does: read this data, train these designs with this configuration. */
    record Plan(DataOptions data, List<Design> designs, TrainConfig config) {
    }

    /** The options a client may set, in the CLI's order. */
    List<Option> describe();

    /**
     * A run's plan from option values ({@link Option#name} to its text; booleans "true" / "false").
     *
     * @throws org.triax.TriaxException naming an unknown option or a bad value, as the CLI would
     */
    Plan parse(Path data, Map<String, String> values);
}
