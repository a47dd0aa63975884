package org.triax.signal;

/**
 * One MATLAB variable as the MAT readers see it, whatever the file version: its name, MATLAB class
 * and shape, and its values when it is a real numeric 2-D array ({@code values == null} otherwise:
 * text, logical, complex, cell, struct, sparse, N-D). A field of a (scalar) struct is a variable
 * too, named by its dotted path ({@code bearing.gs}; MATLAB names cannot hold a dot).
 */
record MatVariable(String name, String type, String shape, int rows, int cols, Values values) {

    /** Element (row, col) of the array, in MATLAB's orientation. */
    interface Values {
        double get(int row, int col);
    }

    boolean isRealNumeric() {
        return values != null;
    }

    boolean isStruct() {
        return type.equals("struct");
    }

    int elements() {
        return rows * cols;
    }

    /** The struct holding this field ({@code bearing} for {@code bearing.gs}); "" at the top level. */
    String parent() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** The name within its struct ({@code gs} for {@code bearing.gs}). */
    String field() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + shape;
    }
}
