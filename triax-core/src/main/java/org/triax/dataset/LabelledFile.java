package org.triax.dataset;

import java.nio.file.Path;

/** One recording file of a dataset and its class (the name of the folder it sits in). */
public record LabelledFile(Path path, String relativePath, int label) {
}
