package org.warplab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skip-or-fail for tests that need root or an external tool: they skip with a printed reason,
 * except when {@code WARPLAB_REQUIRE_LIVE=1} (CI), where a missing piece fails the test.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean liveRequired() {
        return "1".equals(System.getenv("WARPLAB_REQUIRE_LIVE"));
    }

    /** Skips (or fails under WARPLAB_REQUIRE_LIVE=1) unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (liveRequired()) {
            Assertions.fail("WARPLAB_REQUIRE_LIVE=1 but " + reason);
        }
        System.out.println("[skipped] " + reason);
        Assumptions.abort(reason);
    }

    /** The Debian package of each tool the tests use, so a skip says what to install. */
    private static final java.util.Map<String, String> PACKAGES = java.util.Map.ofEntries(
            java.util.Map.entry("ip", "iproute2"), java.util.Map.entry("tc", "iproute2"), java.util.Map.entry("bridge", "iproute2"),
            java.util.Map.entry("nft", "nftables"), java.util.Map.entry("tshark", "tshark"), java.util.Map.entry("radvd", "radvd"),
            java.util.Map.entry("zebra", "frr"), java.util.Map.entry("ospfd", "frr"), java.util.Map.entry("vtysh", "frr"),
            java.util.Map.entry("ethtool", "ethtool"), java.util.Map.entry("ping", "iputils-ping"), java.util.Map.entry("tcpdump", "tcpdump"),
            java.util.Map.entry("qemu-system-x86_64", "qemu-system-x86"));

    /** The path of {@code tool} (searched in PATH, /usr/sbin, /sbin and /usr/lib/frr), or skip/fail. */
    public static Path require(String tool) {
        return require(tool, PACKAGES.getOrDefault(tool, "the one that provides " + tool));
    }

    public static Path require(String tool, String debianPackage) {
        Path found = find(tool);
        require(found != null, "the tool '" + tool + "' is not installed (Debian package: " + debianPackage + ")");
        return found;
    }

    public static Path find(String tool) {
        if (tool.contains("/")) {
            Path p = Path.of(tool);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/lib/frr";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || run(List.of("id", "-u")).output().strip().equals("0");
    }

    public static void requireRoot() {
        require(isRoot(), "this test needs root (network namespaces)");
    }

    /** The result of a finished process. */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** Runs {@code command} (an argument array, no shell), stdout and stderr merged, at most 60 s. */
    public static Result run(List<String> command) {
        return run(command, null);
    }

    public static Result run(List<String> command, String stdin) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted: " + command);
        }
    }
}
