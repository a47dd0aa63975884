package org.triax.cli;

import org.triax.TriaxException;

/** Shares given as percent ({@code 20%}) or as a fraction ({@code 0.2}). */
final class Shares {
    private Shares() {
    }

    static double parse(String text, String option) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
            return percent ? v / 100 : v;
        } catch (NumberFormatException e) {
            throw new TriaxException(option + " must be a share such as 20% or 0.2, got '" + text + "'");
        }
    }
}
