package org.warplab.cli;

import org.warplab.files.SafeWrite;
import org.warplab.model.Units;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.live.AgentProcess;
import org.warplab.live.BackAndForth;
import org.warplab.live.CommandFailedException;
import org.warplab.live.HostTools;
import org.warplab.live.LiveRunner;
import org.warplab.live.LiveState;
import org.warplab.live.Preflight;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.live.Requirement;
import org.warplab.model.Lab;
import org.warplab.model.VmRuntime;
import org.warplab.run.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab live run LAB}: builds the lab on namespaces, migrates its VMs and prints what the packets showed. */
@Command(name = "run", description = {
    "Build the lab on namespaces, migrate its VMs, print what the packets showed.",
    "",
    "Builds the lab on namespaces from its generated configs, starts the agents (probe sender, VM echo, announcement watchers, "
        + "translator switchers, delay relay; for Mobile IPv6 radvd, a mobile node and a home agent), migrates its VMs and prints "
        + "what the packets showed: switching time, downtime, client gap, lost probes, latency, and the phases. The VM's memory "
        + "copy is modelled (from its memory, dirty rate and management link); the network, the announcements, the rule "
        + "switches and the Mobile IPv6 signalling are real. Runs network-paging, segmentation, mobile-ipv6 and the no-scheme "
        + "baseline."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ran", "1:the lab has errors",
            "2:live mode cannot run here or the lab cannot run live (the message names what is missing)"})
final class LiveRunCommand extends HeadlessCommand {

    /** A real guest's move takes seconds under TCG (its whole memory crosses the management link). */
    static final long QEMU_REPEAT_SPACING_NS = 10_000_000_000L;

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to run.")
    List<Path> files = List.of();

    @Mixin
    RunOptions.SchemeChoice scheme;

    @Option(names = "--vm", paramLabel = "namespace|qemu",
            description = "qemu: run every VM as a real QEMU guest (build it once with 'warplab guest build'): QEMU live-migrates it "
                    + "over the management link and announces it with its own RARPs; namespace: the namespace stand-in.")
    VmRuntime vmRuntime;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "0",
            description = "Move the lab's first VM N times back and forth in one built lab; print each move and median / p95 / max.")
    long repeat;

    @Option(names = "--pcap", paramLabel = "DIR",
            description = "Keep the packets (tcpdump) of the clients' links, the data centers' LANs and the client edges' WAN links.")
    Path pcap;

    @Option(names = "--agent-events", paramLabel = "FILE",
            description = "Write every agent's own report (JSON lines): what each watcher saw, each switch, each probe.")
    Path agentEvents;

    @Option(names = "--verbose", description = "Also print how long each step of building the lab took.")
    boolean verbose;

    @Option(names = "--compare-emulated", description = "Also run the emulator on the same lab and print its prediction beside the live figures.")
    boolean compareEmulated;

    @Mixin
    RunOptions.ResultFiles outputs;

    @Override
    int run() throws UsageException, LabArgument.Refused {
        LabArgument argument = LabArgument.load("live run", files, Optional.ofNullable(scheme.scheme), err);
        Lab lab = argument.lab();
        Optional<VmRuntime> runtime = Optional.ofNullable(vmRuntime);
        if (repeat < 0 || repeat > 200) {
            throw new UsageException("--repeat takes 0 (no repeat) to 200 moves, got " + repeat);
        }
        boolean qemu = LiveRunner.withRuntime(lab, runtime).vms().stream().anyMatch(vm -> vm.runtime() == VmRuntime.QEMU);
        if (repeat > 0) {
            if (lab.migrations().isEmpty()) {
                err.println(name() + ": " + argument.file() + " has no migration to repeat; add one under migrations");
                return Cli.UNUSABLE;
            }
            lab = BackAndForth.repeat(lab, (int) repeat, qemu ? QEMU_REPEAT_SPACING_NS : LiveRunner.repeatSpacingNs(lab));
        }
        Optional<String> unsupported = LiveRunner.unsupported(LiveRunner.withRuntime(lab, runtime), lab.scheme());
        if (unsupported.isPresent()) {
            err.println(name() + ": " + unsupported.get());
            return Cli.UNUSABLE;
        }
        ProcessCommandRunner runner = new ProcessCommandRunner();
        List<String> problems = Preflight.forThisHost(runner).problems(requirements(lab, qemu), true);
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("warplab live: " + p));
            return Cli.UNUSABLE;
        }
        LiveRunner live = new LiveRunner(runner, HostTools.fromEnvironment(), LiveState.DEFAULT_DIR, step -> out.println("... " + step));
        LiveRunner.Outcome outcome;
        try {
            outcome = live.run(lab, lab.scheme(), new LiveRunner.Options(runtime, Optional.ofNullable(pcap)));
        } catch (AgentProcess.AgentException | CommandFailedException | IllegalStateException | IOException e) {
            err.println(name() + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.println();
        if (repeat > 0) {
            out.println("Lab: " + lab.name() + "   scheme: " + lab.scheme().key() + "   runtime: live   " + repeat + " moves");
            LiveSummary.repeated(outcome.result(), outcome.buildNs(), out);
            outcome.result().notes().forEach(n -> out.println("Note: " + n));
        } else {
            EmulateCommand.print(outcome.result(), out);
            out.println();
            out.println("Lab build time: " + Units.ms(outcome.buildNs(), 1));
        }
        if (verbose) {
            out.println();
            out.println("Lab build, step by step (" + Units.ms(outcome.buildNs(), 1) + " in all):");
            outcome.buildSteps().forEach(step -> out.printf("  %9s  %s%n", Units.ms(step.ns(), 1), step.name()));
        }
        if (compareEmulated) {
            try {
                RunResult emulated = Emulator.run(lab, Emulator.Options.metrics(1)).result();
                out.println();
                out.println("Emulated (seed 1) beside live:");
                LiveSummary.compared(emulated, outcome.result(), out);
            } catch (EmulationException e) {
                out.println("The emulator cannot run this lab for comparison: " + e.getMessage());
            }
        }
        try {
            outputs.write(outcome.result(), outcome.trace(), out);
            if (pcap != null) {
                out.println("captures written to " + pcap);
            }
            if (agentEvents != null) {
                List<String> lines = outcome.agentEvents().stream().map(e -> {
                    ObjectNode line = ((ObjectNode) e.fields()).deepCopy();
                    line.put("t", e.timeNs());
                    line.put("agent", e.agent());
                    return line.toString();
                }).toList();
                SafeWrite.text(agentEvents, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
                out.println("agent events (" + lines.size() + ") written to " + agentEvents);
            }
        } catch (IOException e) {
            err.println(name() + ": cannot write the output: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    private List<Requirement> requirements(Lab lab, boolean qemu) {
        List<Requirement> needed = new ArrayList<>(Requirement.LAB_BUILD);
        if (qemu) {
            needed.add(Requirement.QEMU);
        }
        if (pcap != null) {
            needed.add(Requirement.TCPDUMP);
        }
        needed.addAll(LiveRunner.schemeTools(lab));
        return needed;
    }
}
