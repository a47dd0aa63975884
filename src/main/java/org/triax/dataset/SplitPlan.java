package org.triax.dataset;

import java.util.List;

/**
 * The outcome of a split: for each recording, which sample ranges belong to which set.
 *
 * @param protocol the protocol actually used (never AUTO)
 * @param blocks disjoint sample ranges; a recording appears in one block (BY_RECORDING) or three
 */
public record SplitPlan(SplitProtocol protocol, SplitFractions fractions, long seed, List<Block> blocks) {

    /** Samples {@code [from, to)} of recording {@code recording} belong to {@code subset}. */
    public record Block(int recording, int label, Subset subset, int from, int to) {
    }

    public SplitPlan {
        blocks = List.copyOf(blocks);
    }

    public List<Block> blocks(Subset subset) {
        return blocks.stream().filter(b -> b.subset() == subset).toList();
    }

    /** One line for people: protocol and what each set holds. */
    public String describe() {
        StringBuilder sb = new StringBuilder("split: ").append(protocol.name().toLowerCase().replace('_', '-'))
                .append(String.format(" %.0f/%.0f/%.0f %%, seed %d", 100 * fractions.train(),
                        100 * fractions.validation(), 100 * fractions.test(), seed));
        if (protocol == SplitProtocol.BY_RECORDING) {
            for (Subset s : Subset.values()) {
                sb.append(", ").append(s.name().toLowerCase()).append(' ').append(blocks(s).size()).append(" recordings");
            }
        } else {
            sb.append(" of every recording's timeline (train block first, then validation, then test)");
        }
        return sb.toString();
    }
}
