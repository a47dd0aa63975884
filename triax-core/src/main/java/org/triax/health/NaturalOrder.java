package org.triax.health;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders names as people number files: runs of digits compare as numbers ({@code 2.csv} before
 * {@code 10.csv}, {@code 007} equal in rank to {@code 7} but after it), the rest case-insensitively,
 * and names that still tie by their plain text, so the order is total.
 */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();
    private static final Pattern PART = Pattern.compile("\\d+|\\D+");

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        Matcher x = PART.matcher(a);
        Matcher y = PART.matcher(b);
        while (true) {
            boolean moreX = x.find();
            boolean moreY = y.find();
            if (!moreX || !moreY) {
                if (moreX != moreY) {
                    return moreX ? 1 : -1;
                }
                return a.compareTo(b);
            }
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new BigInteger(p).compareTo(new BigInteger(q))
                    : p.compareToIgnoreCase(q);
            if (c != 0) {
                return c;
            }
        }
    }

    /** True when the name holds a number (then its order says something about time). */
    static boolean numbered(String name) {
        return name.chars().anyMatch(Character::isDigit);
    }
}
