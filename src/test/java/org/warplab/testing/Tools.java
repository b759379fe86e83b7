package org.warplab.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skip-or-fail for tests that need an external tool or root: they skip with a printed reason,
 * except when WARPLAB_REQUIRE_LIVE=1 (CI), where a missing tool fails the test.
 */
public final class Tools {
    private Tools() {
    }

    public static boolean liveRequired() {
        return "1".equals(System.getenv("WARPLAB_REQUIRE_LIVE"));
    }

    /** The path of {@code tool} on PATH; skips (or fails under WARPLAB_REQUIRE_LIVE=1) when absent. */
    public static Path require(String tool) {
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        unavailable("'" + tool + "' is not installed (not found on PATH)");
        return null;
    }

    public static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            unavailable("the test needs root");
        }
    }

    private static void unavailable(String reason) {
        if (liveRequired()) {
            Assertions.fail(reason + ", and WARPLAB_REQUIRE_LIVE=1 requires it");
        }
        System.out.println("skipped: " + reason);
        Assumptions.abort(reason);
    }
}
