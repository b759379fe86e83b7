package org.warplab.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold before live mode touches the system: Linux, root, the tools and libpcap. Checked
 * before anything is created, so a missing piece costs nothing but a clear message.
 */
public final class Preflight {

    /** libpcap as Debian's libpcap0.8 installs it (pcap4j loads it by this name). */
    static final List<String> LIBPCAP_PATHS = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8",
            "/usr/lib/libpcap.so.0.8", "/lib/x86_64-linux-gnu/libpcap.so.0.8");

    private final CommandRunner runner;
    private final HostTools tools;
    private final String osName;

    public Preflight(CommandRunner runner, HostTools tools, String osName) {
        this.runner = runner;
        this.tools = tools;
        this.osName = osName;
    }

    public static Preflight forThisHost(CommandRunner runner) {
        return new Preflight(runner, HostTools.fromEnvironment(), System.getProperty("os.name", ""));
    }

    /** Every missing piece, in words a user can act on; empty when live mode can run. */
    public List<String> problems(Collection<Requirement> needed, boolean needsPcap) {
        List<String> problems = new ArrayList<>();
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            problems.add("live mode needs Linux network namespaces; this is " + osName + " (emulated runs work everywhere)");
            return problems;
        }
        CommandResult id = runner.run("id", "-u");
        if (!id.ok() || !id.stdout().strip().equals("0")) {
            problems.add("live mode needs root to create network namespaces; run it with sudo (emulated runs need no privileges)");
        }
        Set<String> packages = new TreeSet<>();
        for (Requirement requirement : needed) {
            if (tools.find(requirement.tool()).isEmpty()) {
                problems.add(requirement.tool() + " is missing (" + requirement.purpose() + ")");
                packages.add(requirement.debianPackage());
            }
        }
        if (needsPcap && LIBPCAP_PATHS.stream().noneMatch(p -> Files.exists(Path.of(p)))) {
            problems.add("libpcap is missing (packet capture and announcements)");
            packages.add("libpcap0.8");
        }
        if (!packages.isEmpty()) {
            problems.add("install with: apt-get install " + String.join(" ", packages));
        }
        return problems;
    }
}
