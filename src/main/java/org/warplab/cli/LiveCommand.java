package org.warplab.cli;

import java.util.List;
import org.warplab.live.CapabilityProbe;
import org.warplab.live.CommandFailedException;
import org.warplab.live.HostTools;
import org.warplab.live.LiveCleanup;
import org.warplab.live.LiveLock;
import org.warplab.live.LiveState;
import org.warplab.live.NamespaceNames;
import org.warplab.live.Preflight;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.live.Requirement;
import picocli.CommandLine.Command;

/** {@code warplab live run|probe|cleanup}: live mode on this machine's network namespaces. */
@Command(name = "live", subcommands = {LiveRunCommand.class, LiveCommand.Probe.class, LiveCommand.Cleanup.class}, description = {
    "Run a lab live on Linux network namespaces: run, probe, cleanup.",
    "",
    "Live mode builds a lab out of real Linux network namespaces (named wl-<lab id>-<node>), so it needs Linux, root, and the "
        + "tools of the Debian packages iproute2 and nftables (plus radvd, frr and libpcap0.8 for some schemes)."},
        commandListHeading = "%nActions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the lab has errors",
            "2:live mode cannot run here or the lab cannot run live (the message names what is missing)"})
final class LiveCommand extends HeadlessCommand {

    @Override
    int run() throws UsageException {
        throw new UsageException("name an action: run, probe or cleanup; see 'warplab live --help'");
    }

    /** The tools every live action needs; the problems, one line each, or an empty list. */
    static List<String> basicProblems(ProcessCommandRunner runner) {
        return Preflight.forThisHost(runner).problems(List.of(Requirement.IP, Requirement.NFT, Requirement.TC), false);
    }

    @Command(name = "probe", description = {
        "Check this machine for live mode.",
        "",
        "Checks root, the tools, and what the kernel supports (netem, 802.1Q, VXLAN, ip6tnl, seg6, nftables NAT), "
            + "and which fallback live mode will use for what is missing. Creates only a scratch namespace, removed again."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:probed", "2:live mode cannot run here"})
    static final class Probe extends HeadlessCommand {
        @Override
        int run() {
            ProcessCommandRunner runner = new ProcessCommandRunner();
            List<String> problems = basicProblems(runner);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("warplab live: " + p));
                return Cli.UNUSABLE;
            }
            try {
                new CapabilityProbe(runner, HostTools.fromEnvironment()).probe().describe().forEach(out::println);
            } catch (CommandFailedException e) {
                err.println(name() + ": " + e.getMessage());
                return Cli.UNUSABLE;
            }
            return Cli.OK;
        }
    }

    @Command(name = "cleanup", description = {
        "Remove what live mode left behind.",
        "",
        "Removes every wl- namespace, every process live mode started and its temporary files, including what a killed run "
            + "left behind. A lab whose live run is still going on is left alone (its owner is named) unless --force is given. "
            + "Safe to run any time; running it twice is harmless."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:clean", "2:live mode cannot run here, something could not be removed, or a lab was left alone because its run is going on"})
    static final class Cleanup extends HeadlessCommand {
        @picocli.CommandLine.Option(names = "--force", description = "Also tear down labs whose live run is still going on (that run then fails).")
        boolean force;

        @Override
        int run() {
            ProcessCommandRunner runner = new ProcessCommandRunner();
            List<String> missing = basicProblems(runner).stream().filter(p -> p.startsWith("live mode needs")).toList();
            if (!missing.isEmpty()) {
                missing.forEach(p -> err.println("warplab live: " + p));
                return Cli.UNUSABLE;
            }
            java.util.Set<String> spared = new java.util.TreeSet<>();
            if (!force) {
                for (String labId : LiveLock.labsRunning(LiveState.DEFAULT_DIR)) {
                    spared.add(labId);
                    String owner = LiveLock.holderOf(LiveState.DEFAULT_DIR, labId).map(LiveLock.Holder::describe).orElse("a process that just ended");
                    err.println(name() + ": left alone " + NamespaceNames.PREFIX + labId + "-*: its live run is going on (" + owner
                            + "); stop that run, or add --force to tear it down anyway");
                }
            }
            LiveCleanup.Report report;
            // not while a run is building: the host's shared resources are the global lock's
            try (LiveLock shared = LiveLock.global(LiveState.DEFAULT_DIR, 60_000)) {
                report = new LiveCleanup(runner, HostTools.fromEnvironment(), LiveState.DEFAULT_DIR).clean(NamespaceNames.PREFIX, spared);
            } catch (LiveLock.HeldException busy) {
                err.println(name() + ": " + busy.getMessage());
                return Cli.UNUSABLE;
            }
            if (report.nothingFound() && spared.isEmpty()) {
                out.println("nothing to clean up: no wl- namespace and no live-mode process is left");
            } else {
                report.namespaces().forEach(n -> out.println("removed namespace " + n));
                if (!report.processes().isEmpty()) {
                    out.println("stopped " + report.processes().size() + " process(es)");
                }
                report.failures().forEach(f -> err.println(name() + ": " + f));
            }
            return report.failures().isEmpty() && spared.isEmpty() ? Cli.OK : Cli.UNUSABLE;
        }
    }
}
