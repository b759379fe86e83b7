package org.warplab.run.story;

import java.util.List;
import org.warplab.model.Units;

/** How story captions write times, sizes and lists: the same way everywhere, in {@code Locale.ROOT}. */
final class StoryFormat {
    private StoryFormat() {
    }

    /** A duration: "0.20 ms" below a millisecond, "14.4 ms" below ten seconds, "135.2 s" above. */
    static String duration(long ns) {
        return Units.duration(ns);
    }

    /** A point in the run, always in milliseconds so steps line up: "1471.6 ms". */
    static String at(long ns) {
        return Units.ms(ns, 1);
    }

    static String bytes(long bytes) {
        return Units.bytes(bytes);
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
