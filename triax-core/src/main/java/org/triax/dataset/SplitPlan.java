package org.triax.dataset;

import java.util.List;

/**
 * The outcome of a split: for each recording, which sample ranges belong to which set.
 *
 * @param protocol the protocol actually used (never AUTO)
 * @param blocks disjoint sample ranges; a recording appears in one block (BY_RECORDING, BY_GROUP) or three
 * @param grouping the grouping rule in words (null unless BY_GROUP)
 * @param groups the group of each recording, by recording index (empty unless BY_GROUP)
 */
public record SplitPlan(SplitProtocol protocol, SplitFractions fractions, long seed, List<Block> blocks,
                        String grouping, List<String> groups) {

    /** Samples {@code [from, to)} of recording {@code recording} belong to {@code subset}. */
    public record Block(int recording, int label, Subset subset, int from, int to) {
    }

    public SplitPlan {
        blocks = List.copyOf(blocks);
        groups = List.copyOf(groups);
    }

    /** A plan without groups. */
    public SplitPlan(SplitProtocol protocol, SplitFractions fractions, long seed, List<Block> blocks) {
        this(protocol, fractions, seed, blocks, null, List.of());
    }

    /** The group of recording {@code r} (null without groups). */
    public String groupOf(int r) {
        return groups.isEmpty() ? null : groups.get(r);
    }

    public List<Block> blocks(Subset subset) {
        return blocks.stream().filter(b -> b.subset() == subset).toList();
    }

    /**
     * A warning for people when the test set cannot show how the model does on new recordings (a
     * time-block split tests later parts of the very recordings it trained on); null otherwise.
     */
    public String leakWarning() {
        if (protocol != SplitProtocol.TIME_BLOCKS) {
            return null;
        }
        return "warning: time-blocks split: validation and test windows come from later parts of the same recordings "
                + "the model trains on, so the scores say how it recognises these recordings, not new ones or other "
                + "machines; give every class >= " + SplitProtocol.MIN_RECORDINGS_PER_CLASS
                + " recordings (or groups with --group-by) for an honest test";
    }

    /** One line for people: protocol and what each set holds. */
    public String describe() {
        StringBuilder sb = new StringBuilder("split: ").append(protocol.label())
                .append(grouping == null ? "" : " (" + grouping + ")")
                .append(String.format(" %.0f/%.0f/%.0f %%, seed %d", 100 * fractions.train(),
                        100 * fractions.validation(), 100 * fractions.test(), seed));
        if (protocol == SplitProtocol.BY_GROUP) {
            for (Subset s : Subset.values()) {
                java.util.Set<String> in = new java.util.TreeSet<>();
                blocks(s).forEach(b -> in.add(groups.get(b.recording())));
                sb.append(", ").append(s.name().toLowerCase()).append(' ').append(in.size()).append(" groups (")
                        .append(blocks(s).size()).append(" recordings)");
                if (s != Subset.TRAIN && in.size() <= 5) {
                    sb.append(' ').append(in);
                }
            }
        } else if (protocol == SplitProtocol.BY_RECORDING) {
            for (Subset s : Subset.values()) {
                sb.append(", ").append(s.name().toLowerCase()).append(' ').append(blocks(s).size()).append(" recordings");
            }
        } else {
            sb.append(" of every recording's timeline (train block first, then validation, then test)");
        }
        return sb.toString();
    }
}
