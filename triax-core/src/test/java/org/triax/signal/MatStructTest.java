package org.triax.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.triax.TriaxException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** MAT v5 struct fields by dotted path, laid out as in MathWorks' bearing data ({@code bearing.gs}, {@code bearing.sr}). */
class MatStructTest {

    @TempDir
    Path dir;

    /** An n x cols matrix of a vibration-like signal (no column is monotonic). */
    private static Matrix signal(int n, int cols) {
        Matrix m = Mat5.newMatrix(n, cols);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cols; c++) {
                m.setDouble(i, c, Math.sin(0.7 * i + c) + c);
            }
        }
        return m;
    }

    /** MathWorks' layout: sampling rate sr, signal gs, load and shaft rate (not a sampling rate). */
    private static Struct bearing(int n, double sr) {
        return Mat5.newStruct().set("sr", Mat5.newScalar(sr)).set("gs", signal(n, 1))
                .set("load", Mat5.newScalar(270)).set("rate", Mat5.newScalar(25));
    }

    private Path save(MatFile mat) throws IOException {
        Path file = dir.resolve("f.mat");
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    private static Recording read(Path file, String variable) throws IOException {
        return new MatReader().read(file, new ReadOptions(Double.NaN, variable));
    }

    @Test
    void theOnlyStructIsLookedIntoAndItsSrIsTheRate() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("bearing", bearing(500, 97656)));
        Recording r = read(file, null);
        assertEquals(List.of("gs"), r.channels());
        assertEquals(97656.0, r.sampleRate());
        assertEquals(500, r.length());
        assertEquals(Math.sin(0.7 * 3), r.samples()[0][3], 0.0);
        assertEquals(List.of("gs"), read(file, "bearing.gs").channels());
        assertEquals(List.of("gs"), read(file, "bearing").channels(), "a struct named: its fields");
    }

    @Test
    void nestedStructsAreReachedByTheirFullPath() throws IOException {
        Struct c = Mat5.newStruct().set("c", signal(300, 3)).set("SampleRate", Mat5.newScalar(2048));
        Struct a = Mat5.newStruct().set("b", c).set("fs", Mat5.newScalar(1));
        Path file = save(Mat5.newMatFile().addArray("a", a));
        Recording r = read(file, "a.b.c");
        assertEquals(List.of("X", "Y", "Z"), r.channels());
        assertEquals(2048.0, r.sampleRate(), "the rate beside the field wins over the enclosing struct's");
        assertEquals(2048.0, read(file, null).sampleRate(), "automatic: a holds only struct b, b holds c");
    }

    @Test
    void topLevelArraysComeFirstAndStructsAreNeverChannels() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("acc", signal(200, 2)).addArray("bearing", bearing(900, 97656)));
        Recording r = read(file, null);
        assertEquals(List.of("ch0", "ch1"), r.channels());
        assertTrue(Double.isNaN(r.sampleRate()), "the struct's sr is not beside acc");
    }

    @Test
    void numericDataInTwoStructsNeedsTheVariableOption() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("inner", bearing(100, 1000)).addArray("outer", bearing(100, 2000)));
        TriaxException e = assertThrows(TriaxException.class, () -> read(file, null));
        assertTrue(e.getMessage().contains("several structs (inner, outer)"), e.getMessage());
        assertTrue(e.getMessage().contains("outer.gs double 100x1"), e.getMessage());
        Recording outer = read(file, "outer.gs");
        assertEquals(List.of("gs"), outer.channels());
        assertEquals(2000.0, outer.sampleRate());
    }

    @Test
    void fieldsOfSeveralStructsKeepTheirFullPathsWhenTheirNamesCollide() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("inner", bearing(100, 1000)).addArray("outer", bearing(100, 1000)));
        assertEquals(List.of("inner.gs", "outer.gs"), read(file, ".*\\.gs").channels());
    }

    @Test
    void aGivenRateContradictingTheStructsIsAnError() throws IOException {
        Path file = save(Mat5.newMatFile().addArray("bearing", bearing(100, 48828)));
        TriaxException e = assertThrows(TriaxException.class,
                () -> new MatReader().read(file, new ReadOptions(50000, null)));
        assertTrue(e.getMessage().startsWith(file + ": variable bearing.sr says 48828.0 Hz, but --fs"), e.getMessage());
    }
}
