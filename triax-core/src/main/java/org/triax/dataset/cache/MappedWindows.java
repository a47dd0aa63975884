package org.triax.dataset.cache;

import java.nio.FloatBuffer;
import java.util.List;
import org.triax.TriaxException;
import org.triax.dataset.Subset;
import org.triax.dataset.WindowSet;

/**
 * The windows of one subset read from its shards, in shard order: a {@link WindowSet} whose
 * samples stay in the mapped files (only labels and positions are on the heap).
 */
public final class MappedWindows implements WindowSet {
    private final List<Shard> shards;
    /** Index of each shard's first window. */
    private final int[] firsts;
    private final int[] labels;
    private final int tensorSize;

    public MappedWindows(Subset subset, int tensorSize, List<Shard> shards) {
        this.shards = List.copyOf(shards);
        this.tensorSize = tensorSize;
        this.firsts = new int[shards.size() + 1];
        for (int s = 0; s < shards.size(); s++) {
            Shard sh = shards.get(s);
            if (sh.subset() != subset || sh.tensorSize() != tensorSize) {
                throw new CorruptShardException(sh.file(), "holds " + sh.subset() + " windows of " + sh.tensorSize()
                        + " floats where " + subset + " windows of " + tensorSize + " were expected");
            }
            firsts[s + 1] = Math.addExact(firsts[s], sh.size());
        }
        this.labels = new int[firsts[shards.size()]];
        for (int s = 0; s < shards.size(); s++) {
            System.arraycopy(shards.get(s).labels(), 0, labels, firsts[s], shards.get(s).size());
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int tensorSize() {
        return tensorSize;
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public FloatBuffer window(int i) {
        int s = shardOf(i);
        return shards.get(s).window(i - firsts[s]);
    }

    /** The shard and the window within it, for the positions (recording, start, block) of window {@code i}. */
    public Shard shard(int i) {
        return shards.get(shardOf(i));
    }

    public int indexInShard(int i) {
        return i - firsts[shardOf(i)];
    }

    private int shardOf(int i) {
        if (i < 0 || i >= labels.length) {
            throw new TriaxException("window " + i + " of " + labels.length);
        }
        int s = java.util.Arrays.binarySearch(firsts, i);
        if (s >= 0) {
            while (s + 1 < firsts.length && firsts[s + 1] == i) {
                s++; // skip empty shards
            }
            return s;
        }
        return -s - 2;
    }
}
