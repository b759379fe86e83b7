package org.warplab.ui.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.warplab.model.Keyed;
import org.warplab.model.Lab;

/** Reads what a user types into a field, with messages that say what is wrong and what would do. */
public final class Parse {

    private Parse() {
    }

    private static BigDecimal decimal(String text, String what) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() < 0) {
                throw new IllegalArgumentException(what + " cannot be negative (found " + text + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (" + what + ", e.g. 2 or 0.05)");
        }
    }

    /** "2.5" milliseconds → 2 500 000 ns. */
    public static long millisToNs(String text, String what) {
        BigDecimal ns = decimal(text, what + " in ms").movePointRight(6);
        if (ns.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " has more precision than a nanosecond: " + text + " ms");
        }
        return ns.longValueExact();
    }

    /** "10000" Mbit/s → 10 000 000 000 bit/s. */
    public static long mbpsToBps(String text, String what) {
        BigDecimal bps = decimal(text, what + " in Mbit/s").movePointRight(6);
        if (bps.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " has more precision than a bit per second: " + text + " Mbit/s");
        }
        return bps.longValueExact();
    }

    public static double percent(String text, String what) {
        double value = decimal(text, what).doubleValue();
        if (value > 100) {
            throw new IllegalArgumentException(what + " is a percentage, at most 100 (found " + text + ")");
        }
        return value;
    }

    public static long integer(String text, String what, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number (" + what + ")");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + " (found " + value + ")");
        }
        return value;
    }

    /** A comma-separated list, each item parsed by {@code parser} (whose messages say what is wrong). */
    public static <T> List<T> list(String text, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parser.apply(part.strip()));
            }
        }
        return out;
    }

    public static String join(List<?> items) {
        return String.join(", ", items.stream().map(Object::toString).toList());
    }

    /** Ids of existing nodes of the lab, comma-separated. */
    public static List<String> nodeIds(Lab lab, String text, String what) {
        return list(text, id -> {
            if (lab.node(id).isEmpty()) {
                throw new IllegalArgumentException(what + ": there is no node '" + id + "' in the lab");
            }
            return id;
        });
    }

    public static <E extends Enum<E> & Keyed> E key(Class<E> type, String text) {
        return Keyed.byKey(type, text).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not one of " + Keyed.keys(type)));
    }

    public static <E extends Enum<E> & Keyed> List<String> keys(Class<E> type) {
        List<String> out = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            out.add(e.key());
        }
        return out;
    }
}
