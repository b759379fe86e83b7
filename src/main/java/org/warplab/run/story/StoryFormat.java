package org.warplab.run.story;

import java.util.List;
import java.util.Locale;

/** How story captions write times, sizes and lists: the same way everywhere, in {@code Locale.ROOT}. */
final class StoryFormat {
    private StoryFormat() {
    }

    /** A duration: "0.20 ms" below a millisecond, "14.4 ms" below ten seconds, "135.2 s" above. */
    static String duration(long ns) {
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (ns < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
    }

    /** A point in the run, always in milliseconds so steps line up: "1471.6 ms". */
    static String at(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes + " B";
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String path(List<String> nodes) {
        return String.join(" → ", nodes);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
