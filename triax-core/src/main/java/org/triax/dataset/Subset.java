package org.triax.dataset;

/** The three sets of a split. */
public enum Subset {
    TRAIN, VALIDATION, TEST
}
