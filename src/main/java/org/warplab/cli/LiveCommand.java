package org.warplab.cli;

import java.io.PrintStream;
import java.util.List;
import org.warplab.live.CapabilityProbe;
import org.warplab.live.CommandFailedException;
import org.warplab.live.HostTools;
import org.warplab.live.LiveCleanup;
import org.warplab.live.LiveState;
import org.warplab.live.NamespaceNames;
import org.warplab.live.Preflight;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.live.Requirement;

/** {@code warplab live ACTION}: live mode on this machine's network namespaces. */
final class LiveCommand implements Command {

    @Override
    public String name() {
        return "live";
    }

    @Override
    public String summary() {
        return "live mode on Linux network namespaces: probe, cleanup";
    }

    @Override
    public String help() {
        return """
                Usage: warplab live probe
                       warplab live cleanup

                Live mode builds a lab out of real Linux network namespaces (named wl-<lab id>-<node>),
                so it needs Linux, root, and the tools of the Debian packages iproute2 and nftables
                (plus radvd, frr and libpcap0.8 for some schemes).

                  probe     check this machine: root, tools, and what the kernel supports (netem,
                            802.1Q, VXLAN, ip6tnl, seg6, nftables NAT), and which fallback live mode
                            will use for what is missing. Creates only a scratch namespace, removed again.
                  cleanup   remove every wl- namespace and every process live mode started, including
                            what a killed run left behind. Safe to run any time; running it twice is harmless.

                Exit codes: 0 done, 2 live mode cannot run here (the message names what is missing).
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new UsageException("name an action: probe or cleanup; see 'warplab live --help'");
        }
        String action = words.get(0);
        if (words.size() > 1) {
            throw new UsageException("'" + action + "' takes no further arguments, got " + words.subList(1, words.size()));
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        HostTools tools = HostTools.fromEnvironment();
        List<String> problems = Preflight.forThisHost(runner).problems(List.of(Requirement.IP, Requirement.NFT, Requirement.TC), false);
        switch (action) {
            case "probe" -> {
                if (!problems.isEmpty()) {
                    problems.forEach(p -> err.println("warplab live: " + p));
                    return Cli.UNUSABLE;
                }
                try {
                    new CapabilityProbe(runner, tools).probe().describe().forEach(out::println);
                } catch (CommandFailedException e) {
                    err.println("warplab live probe: " + e.getMessage());
                    return Cli.UNUSABLE;
                }
                return Cli.OK;
            }
            case "cleanup" -> {
                if (problems.stream().anyMatch(p -> p.startsWith("live mode needs"))) {
                    problems.stream().filter(p -> p.startsWith("live mode needs")).forEach(p -> err.println("warplab live: " + p));
                    return Cli.UNUSABLE;
                }
                LiveCleanup.Report report = new LiveCleanup(runner, tools, LiveState.DEFAULT_DIR).clean(NamespaceNames.PREFIX);
                if (report.nothingFound()) {
                    out.println("nothing to clean up: no wl- namespace and no live-mode process is left");
                } else {
                    report.namespaces().forEach(n -> out.println("removed namespace " + n));
                    if (!report.processes().isEmpty()) {
                        out.println("stopped " + report.processes().size() + " process(es)");
                    }
                    report.failures().forEach(f -> err.println("warplab live cleanup: " + f));
                }
                return report.failures().isEmpty() ? Cli.OK : Cli.UNUSABLE;
            }
            default -> throw new UsageException("'" + action + "' is not a live action; use probe or cleanup");
        }
    }
}
