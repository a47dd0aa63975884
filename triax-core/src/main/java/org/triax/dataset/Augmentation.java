package org.triax.dataset;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.triax.TriaxException;

/**
 * Random perturbations of the training windows, redrawn every epoch ({@link Augmenter}); never
 * applied to validation, test or prediction. Saved with the model's training config.
 *
 * @param kinds the perturbations applied, in this order: shift and stretch choose which samples
 *     are read, then gain, then noise
 * @param gainDb {@link Kind#GAIN}: the window is scaled by a gain uniform in +-gainDb dB
 * @param shiftHops {@link Kind#SHIFT}: the window start moves by up to +-shiftHops hops (uniform,
 *     in samples), staying inside its own block of the split
 * @param snrMinDb {@link Kind#NOISE}: white Gaussian noise at an SNR uniform in [snrMinDb, snrMaxDb]
 *     of each channel's window power
 * @param stretch {@link Kind#STRETCH}: the window is resampled (linear interpolation) from
 *     {@code (1 + s) x} its length of samples, s uniform in +-stretch, so every frequency moves by
 *     the factor {@code 1 + s}
 */
public record Augmentation(List<Kind> kinds, double gainDb, double shiftHops, double snrMinDb, double snrMaxDb,
                           double stretch) {

    /** The perturbations, by their {@code --augment} names. */
    public enum Kind { GAIN, SHIFT, NOISE, STRETCH }

    public static final double GAIN_DB = 6;
    public static final double SHIFT_HOPS = 1;
    public static final double SNR_MIN_DB = 20;
    public static final double SNR_MAX_DB = 40;
    public static final double STRETCH = 0.05;

    public static final Augmentation NONE = of(Set.of());

    public Augmentation {
        EnumSet<Kind> set = EnumSet.noneOf(Kind.class);
        if (kinds != null) {
            set.addAll(kinds);
        }
        kinds = List.copyOf(set); // one order whatever the option's: the JSON of equal configs is equal
        if (!(gainDb >= 0) || !(shiftHops >= 0) || !(snrMaxDb >= snrMinDb) || !(stretch >= 0 && stretch < 0.5)) {
            throw new TriaxException("augmentation magnitudes out of range: gain " + gainDb + " dB, shift " + shiftHops
                    + " hops, SNR " + snrMinDb + ".." + snrMaxDb + " dB, stretch " + stretch);
        }
    }

    /** The given kinds with the documented magnitudes. */
    public static Augmentation of(Set<Kind> kinds) {
        return new Augmentation(new ArrayList<>(kinds), GAIN_DB, SHIFT_HOPS, SNR_MIN_DB, SNR_MAX_DB, STRETCH);
    }

    /** {@code --augment gain,shift,noise,stretch} (any subset; "none" or blank: none). */
    public static Augmentation parse(String list) {
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String name : list.split(",")) {
            try {
                kinds.add(Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new TriaxException("unknown --augment '" + name.trim() + "' (any of gain, shift, noise, stretch, "
                        + "comma-separated, or none)");
            }
        }
        return of(kinds);
    }

    public boolean has(Kind k) {
        return kinds.contains(k);
    }

    public boolean isNone() {
        return kinds.isEmpty();
    }

    /** In words, for the run log. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (Kind k : kinds) {
            parts.add(switch (k) {
                case GAIN -> "gain +-" + number(gainDb) + " dB";
                case SHIFT -> "start shift +-" + number(shiftHops) + " hop";
                case NOISE -> "noise at SNR " + number(snrMinDb) + "-" + number(snrMaxDb) + " dB";
                case STRETCH -> "frequency stretch +-" + number(100 * stretch) + " %";
            });
        }
        return String.join(", ", parts);
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
