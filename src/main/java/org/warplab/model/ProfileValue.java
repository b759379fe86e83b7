package org.warplab.model;

import java.util.Objects;

/**
 * One overhead of a testbed profile, its distribution and where the numbers come from.
 *
 * @param source the paper's section, how it was measured here, or the one figure it was fitted to
 */
public record ProfileValue(Overhead overhead, Spread spread, Source source) {

    public ProfileValue {
        Objects.requireNonNull(overhead, "overhead");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(source, "source");
    }

    /** Where a value comes from; agreement with a figure a value was fitted to proves nothing. */
    public record Source(Kind kind, String text) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        public static Source cited(String text) {
            return new Source(Kind.CITED, text);
        }

        public static Source measured(String text) {
            return new Source(Kind.MEASURED, text);
        }

        public static Source fitted(String text) {
            return new Source(Kind.FITTED, text);
        }
    }

    public enum Kind {
        CITED("from the paper"),
        MEASURED("measured here"),
        FITTED("fitted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
