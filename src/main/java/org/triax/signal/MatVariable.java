package org.triax.signal;

/**
 * One MATLAB variable as the MAT readers see it, whatever the file version: its name, MATLAB class
 * and shape, and its values when it is a real numeric 2-D array ({@code values == null} otherwise:
 * text, logical, complex, cell, struct, sparse, N-D).
 */
record MatVariable(String name, String type, String shape, int rows, int cols, Values values) {

    /** Element (row, col) of the array, in MATLAB's orientation. */
    interface Values {
        double get(int row, int col);
    }

    boolean isRealNumeric() {
        return values != null;
    }

    int elements() {
        return rows * cols;
    }

    @Override
    public String toString() {
        return name + " " + type + " " + shape;
    }
}
