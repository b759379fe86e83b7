package org.warplab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gates for tests that need root or a real tool: on a developer machine they skip with a printed
 * reason; in CI ({@code WARPLAB_REQUIRE_LIVE=1}) a missing piece fails the test instead, so a
 * live test can never pass by not running.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean liveRequired() {
        return "1".equals(System.getenv("WARPLAB_REQUIRE_LIVE"));
    }

    /** The Debian package of each tool the tests use, for the skip message. */
    private static final java.util.Map<String, String> PACKAGES = java.util.Map.ofEntries(
            java.util.Map.entry("ip", "iproute2"), java.util.Map.entry("tc", "iproute2"), java.util.Map.entry("nft", "nftables"),
            java.util.Map.entry("tshark", "tshark"), java.util.Map.entry("radvd", "radvd"), java.util.Map.entry("zebra", "frr"),
            java.util.Map.entry("ospfd", "frr"), java.util.Map.entry("ethtool", "ethtool"), java.util.Map.entry("ping", "iputils-ping"),
            java.util.Map.entry("tcpdump", "tcpdump"), java.util.Map.entry("qemu-system-x86_64", "qemu-system-x86"));

    /** Requires a tool whose Debian package this class knows. */
    public static Path require(String tool) {
        return require(tool, PACKAGES.getOrDefault(tool, "the one that provides " + tool));
    }

    /** Requires an executable on the PATH (or an absolute path); returns its path. */
    public static Path require(String tool, String debianPackage) {
        Path found = find(tool);
        gate(found != null, tool + " is not installed (Debian package: " + debianPackage + ")");
        return found;
    }

    public static void requireRoot() {
        gate(isRoot(), "this test needs root (it creates network namespaces)");
    }

    public static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes()).strip();
            return id.waitFor(5, TimeUnit.SECONDS) && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Path find(String tool) {
        if (tool.startsWith("/")) {
            Path path = Path.of(tool);
            return Files.isExecutable(path) ? path : null;
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/lib/frr";
        for (String dir : pathVariable.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }

    private static void gate(boolean available, String reason) {
        if (available) {
            return;
        }
        if (liveRequired()) {
            Assertions.fail(reason + "; WARPLAB_REQUIRE_LIVE=1 forbids skipping");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
