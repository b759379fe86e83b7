package org.warplab.model.lesson;

import java.util.Objects;
import org.warplab.model.SchemeKind;

/** Something a student's lab must reach; evaluated on the lab and on a run of it ({@code lesson.Goals}). */
public sealed interface Goal {

    /** The goal's key in the file: {@code reachable}, {@code below}, ... */
    String key();

    /** The VM of {@code migration} answers at its unchanged address after the move. */
    record Reachable(String migration) implements Goal {
        public Reachable {
            Objects.requireNonNull(migration, "migration");
        }

        @Override
        public String key() {
            return "reachable";
        }
    }

    /** A figure of {@code migration} at most {@code maxNs}. */
    record Below(Figure figure, String migration, long maxNs) implements Goal {
        public Below {
            Objects.requireNonNull(figure, "figure");
            Objects.requireNonNull(migration, "migration");
        }

        @Override
        public String key() {
            return "below";
        }
    }

    /** No probe to a VM that does not move is lost during the run (tenants kept apart). */
    record OtherTenantsUntouched() implements Goal {
        @Override
        public String key() {
            return "other-tenants-untouched";
        }
    }

    /** The lab uses {@code scheme}. */
    record SchemeInUse(SchemeKind scheme) implements Goal {
        public SchemeInUse {
            Objects.requireNonNull(scheme, "scheme");
        }

        @Override
        public String key() {
            return "scheme";
        }
    }

    /** At most {@code count} routers. */
    record AtMostRouters(int count) implements Goal {
        @Override
        public String key() {
            return "at-most-routers";
        }
    }

    /** The lab validates with neither errors nor warnings. */
    record NoWarnings() implements Goal {
        @Override
        public String key() {
            return "no-warnings";
        }
    }

    /** Every client edge holds a translation (a per-VM location) for the VM's address before the move. */
    record ClientEdgeTranslation(String vm) implements Goal {
        public ClientEdgeTranslation {
            Objects.requireNonNull(vm, "vm");
        }

        @Override
        public String key() {
            return "client-edge-translation";
        }
    }
}
