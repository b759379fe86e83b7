package org.warplab.cli;

import java.io.PrintStream;
import java.util.List;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.live.AgentProcess;
import org.warplab.live.BackAndForth;
import org.warplab.run.RunResult;
import org.warplab.live.CapabilityProbe;
import org.warplab.live.LiveRunner;
import org.warplab.model.Keyed;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.model.VmRuntime;
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

    /** Two seconds between repeated moves: a move of the samples' VMs takes ~0.5 s, and the traffic settles after it. */
    static final long REPEAT_SPACING_NS = 2_000_000_000L;
    /** A real guest's move takes seconds under TCG (its whole memory crosses the management link). */
    static final long QEMU_REPEAT_SPACING_NS = 10_000_000_000L;
    /** Mobile IPv6 moves take seconds (an RA, two DADs of 1 s, the signalling round trip) before they settle. */
    static final long MOBILE_IPV6_REPEAT_SPACING_NS = 7_000_000_000L;

    @Override
    public String name() {
        return "live";
    }

    @Override
    public String summary() {
        return "run a lab live on Linux network namespaces: run, probe, cleanup";
    }

    @Override
    public String help() {
        return """
                Usage: warplab live run LAB.warplab.json [--scheme S] [--vm namespace|qemu] [--repeat N] [--compare-emulated]
                                               [--report FILE.json] [--trace FILE.jsonl]
                       warplab live probe
                       warplab live cleanup

                Live mode builds a lab out of real Linux network namespaces (named wl-<lab id>-<node>),
                so it needs Linux, root, and the tools of the Debian packages iproute2 and nftables
                (plus radvd, frr and libpcap0.8 for some schemes).

                  run       build the lab on namespaces from its generated configs, start the agents
                            (probe sender, VM echo, announcement watchers, translator switchers, delay
                            relay; for Mobile IPv6 radvd, a mobile node and a home agent), migrate its VMs
                            and print what the packets showed: switching time, downtime, client gap, lost
                            probes, latency, and the phases. The VM's memory copy is modelled (from its
                            memory, dirty rate and management link); the network, the announcements, the
                            rule switches and the Mobile IPv6 signalling are real. Runs network-paging,
                            segmentation, mobile-ipv6 and the no-scheme baseline.
                              --scheme S       run with another scheme than the lab's
                              --vm qemu        run every VM as a real QEMU guest (build it once with
                                               'warplab guest build'): QEMU live-migrates it over the
                                               management link and announces it with its own RARPs;
                                               --vm namespace uses the namespace stand-in
                              --repeat N       move the lab's first VM N times back and forth in one
                                               built lab; print each move and median / p95 / max
                              --pcap DIR       keep the packets (tcpdump) of the clients' links, the
                                               data centers' LANs and the client edges' WAN links
                              --agent-events FILE  write every agent's own report (JSON lines): what each
                                               watcher saw, each switch, each probe, for looking deeper
                              --compare-emulated  also run the emulator on the same lab and print its
                                               prediction beside the live figures
                              --report FILE    write the result as JSON
                              --trace FILE     write the events as JSON lines
                  probe     check this machine: root, tools, and what the kernel supports (netem,
                            802.1Q, VXLAN, ip6tnl, seg6, nftables NAT), and which fallback live mode
                            will use for what is missing. Creates only a scratch namespace, removed again.
                  cleanup   remove every wl- namespace and every process live mode started, including
                            what a killed run left behind. Safe to run any time; running it twice is harmless.

                Exit codes: 0 done, 1 the lab has errors, 2 live mode cannot run here or the lab cannot run
                live (the message names what is missing).
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        List<String> words = args.positionals();
        if (words.isEmpty()) {
            throw new UsageException("name an action: run, probe or cleanup; see 'warplab live --help'");
        }
        String action = words.get(0);
        if (action.equals("run")) {
            return runLab(args, words.subList(1, words.size()), out, err);
        }
        if (args.option("--scheme").isPresent() || args.option("--report").isPresent() || args.option("--trace").isPresent()
                || args.option("--repeat").isPresent() || args.has("--compare-emulated") || args.option("--agent-events").isPresent()
                || args.option("--vm").isPresent() || args.option("--pcap").isPresent()) {
            throw new UsageException("--scheme, --repeat, --compare-emulated, --report and --trace go with 'live run'");
        }
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
            default -> throw new UsageException("'" + action + "' is not a live action; use run, probe or cleanup");
        }
    }

    private int runLab(Args args, List<String> positionals, PrintStream out, PrintStream err) throws UsageException {
        LabArgument argument;
        try {
            argument = LabArgument.load("live run", positionals, args.option("--scheme"), err);
        } catch (LabArgument.Refused refused) {
            return refused.exitCode;
        }
        Lab lab = argument.lab();
        Optional<VmRuntime> vmRuntime = Optional.empty();
        if (args.option("--vm").isPresent()) {
            vmRuntime = Keyed.byKey(VmRuntime.class, args.option("--vm").get());
            if (vmRuntime.isEmpty()) {
                throw new UsageException("--vm takes namespace or qemu, got '" + args.option("--vm").get() + "'");
            }
        }
        long repeat = args.longOption("--repeat", 0);
        if (repeat < 0 || repeat > 200) {
            throw new UsageException("--repeat takes 1 to 200 moves, got " + repeat);
        }
        if (repeat > 0) {
            if (lab.migrations().isEmpty()) {
                err.println("warplab live run: " + argument.file() + " has no migration to repeat; add one under migrations");
                return Cli.UNUSABLE;
            }
            boolean qemu = LiveRunner.withRuntime(lab, vmRuntime).vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU);
            lab = BackAndForth.repeat(lab, (int) repeat, qemu ? QEMU_REPEAT_SPACING_NS
                    : lab.scheme() == SchemeKind.MOBILE_IPV6 ? MOBILE_IPV6_REPEAT_SPACING_NS : REPEAT_SPACING_NS);
        }
        Optional<String> unsupported = LiveRunner.unsupported(LiveRunner.withRuntime(lab, vmRuntime), lab.scheme());
        if (unsupported.isPresent()) {
            err.println("warplab live run: " + unsupported.get());
            return Cli.UNUSABLE;
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        List<Requirement> needed = new java.util.ArrayList<>(List.of(Requirement.IP, Requirement.NFT, Requirement.ETHTOOL, Requirement.SYSCTL));
        if (LiveRunner.withRuntime(lab, vmRuntime).vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU)) {
            needed.add(Requirement.QEMU);
        }
        if (args.option("--pcap").isPresent()) {
            needed.add(Requirement.TCPDUMP);
        }
        if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            needed.add(Requirement.RADVD);
        }
        List<String> problems = Preflight.forThisHost(runner).problems(needed, true);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("warplab live: " + p));
            return Cli.UNUSABLE;
        }
        LiveRunner live = new LiveRunner(runner, HostTools.fromEnvironment(), LiveState.DEFAULT_DIR, step -> out.println("... " + step));
        LiveRunner.Outcome outcome;
        try {
            outcome = live.run(lab, lab.scheme(), new LiveRunner.Options(vmRuntime, args.option("--pcap").map(Path::of)));
        } catch (AgentProcess.AgentException | CommandFailedException | IllegalStateException e) {
            err.println("warplab live run: " + e.getMessage());
            return Cli.UNUSABLE;
        } catch (IOException e) {
            err.println("warplab live run: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.println();
        if (repeat > 0) {
            out.println("Lab: " + lab.name() + "   scheme: " + lab.scheme().key() + "   runtime: live   " + repeat + " moves");
            LiveSummary.repeated(outcome.result(), outcome.buildNs(), out);
            outcome.result().notes().forEach(n -> out.println("Note: " + n));
        } else {
            EmulateCommand.print(outcome.result(), out);
            out.printf("%nLab build time: %.1f ms%n", outcome.buildNs() / 1e6);
        }
        if (args.has("--compare-emulated")) {
            try {
                RunResult emulated = Emulator.run(lab, Emulator.Options.defaults(1)).result();
                out.println();
                out.println("Emulated (seed 1) beside live:");
                LiveSummary.compared(emulated, outcome.result(), out);
            } catch (EmulationException e) {
                out.println("The emulator cannot run this lab for comparison: " + e.getMessage());
            }
        }
        try {
            EmulateCommand.writeResultAndTrace(args, outcome.result(), outcome.trace(), out);
            if (args.option("--pcap").isPresent()) {
                out.println("captures written to " + args.option("--pcap").get());
            }
            if (args.option("--agent-events").isPresent()) {
                List<String> lines = outcome.agentEvents().stream().map(e -> {
                    com.fasterxml.jackson.databind.node.ObjectNode line = ((com.fasterxml.jackson.databind.node.ObjectNode) e.fields()).deepCopy();
                    line.put("t", e.timeNs());
                    line.put("agent", e.agent());
                    return line.toString();
                }).toList();
                java.nio.file.Files.write(Path.of(args.option("--agent-events").get()), lines);
                out.println("agent events (" + lines.size() + ") written to " + args.option("--agent-events").get());
            }
        } catch (IOException e) {
            err.println("warplab live run: cannot write the output: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }
}
