package org.triax.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the readers left out or assumed (a counter column dropped, a rate not taken from a time
 * column), collected over many files so that a dataset of 200 files with the same time column
 * gives one line, not 200. Safe to share between threads (datasets are read in parallel).
 */
public final class ReadNotes {
    /** A sink that keeps nothing (library callers that do not show notes). */
    public static final ReadNotes DISCARD = new ReadNotes(false);

    private final boolean keeping;
    /** Note text to the files it was made for (sorted maps: the same lines whatever the thread order). */
    private final Map<String, List<String>> notes = new TreeMap<>();

    public ReadNotes() {
        this(true);
    }

    private ReadNotes(boolean keeping) {
        this.keeping = keeping;
    }

    /** Records {@code note} (text without the file name, so that equal notes of many files merge). */
    public synchronized void add(String source, String note) {
        if (keeping) {
            notes.computeIfAbsent(note, k -> new ArrayList<>()).add(source);
        }
    }

    /** One line per distinct note: {@code FILE: note}, or {@code note (N recordings, e.g. FILE)}. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        notes.forEach((note, sources) -> {
            String first = sources.stream().sorted().findFirst().orElseThrow();
            long files = sources.stream().distinct().count();
            out.add(files == 1 ? first + ": " + note : note + " (" + files + " recordings, e.g. " + first + ")");
        });
        return out;
    }
}
