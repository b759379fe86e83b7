package org.warplab.live;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.warplab.model.Lab;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;

/**
 * Live mode as a {@link LabRuntime}: the lab on this machine's network namespaces. What the host
 * lacks (root, Linux, the tools; radvd for Mobile IPv6) is found once by {@link #checkHost()}.
 */
public final class LiveRuntime implements LabRuntime {

    private final CommandRunner runner;
    private final HostTools tools;
    private volatile List<String> hostProblems;
    /** What the host lacks of the tools a scheme's own agents need ({@link LiveScheme#tools()}), by tool. */
    private volatile Map<Requirement, List<String>> toolProblems = Map.of();

    public LiveRuntime(CommandRunner runner, HostTools tools) {
        this.runner = runner;
        this.tools = tools;
    }

    /** Live mode on this machine, with its real commands and tools. */
    public static LiveRuntime forThisHost() {
        return new LiveRuntime(new ProcessCommandRunner(), HostTools.fromEnvironment());
    }

    @Override
    public String description() {
        return "live mode";
    }

    @Override
    public void checkHost() {
        List<String> problems;
        Map<Requirement, List<String>> schemeAgentTools = new LinkedHashMap<>();
        try {
            Preflight preflight = new Preflight(runner, tools, System.getProperty("os.name", ""));
            problems = preflight.problems(Requirement.LAB_BUILD, true);
            for (Requirement tool : Requirement.SCHEME_AGENTS) {
                schemeAgentTools.put(tool, preflight.problems(List.of(tool), false));
            }
        } catch (RuntimeException e) {
            problems = List.of("live mode cannot check this host: " + e.getMessage());
        }
        toolProblems = schemeAgentTools;
        hostProblems = problems;
    }

    @Override
    public Optional<String> unavailable(Lab lab) {
        List<String> host = hostProblems;
        if (host == null) {
            return Optional.of("checking this host");
        }
        if (!host.isEmpty()) {
            return Optional.of(String.join("; ", host));
        }
        Optional<String> unsupported = LiveRunner.unsupported(lab, lab.scheme());
        if (unsupported.isPresent() && lab.activeScheme().isEmpty()) {
            return unsupported;
        }
        List<String> schemeTools = LiveScheme.of(lab).tools().stream().flatMap(tool -> toolProblems.getOrDefault(tool, List.of()).stream()).toList();
        if (!schemeTools.isEmpty()) {
            return Optional.of(String.join("; ", schemeTools));
        }
        return unsupported;
    }

    @Override
    public RunOutcome run(Lab lab, long seed, Consumer<String> progress) throws RunFailedException {
        progress.accept("live run: starting");
        LiveRunner liveRunner = new LiveRunner(runner, tools, LiveState.DEFAULT_DIR, step -> progress.accept("live run: " + step));
        try {
            LiveRunner.Outcome outcome = liveRunner.run(lab, lab.scheme());
            return new RunOutcome(outcome.result(), outcome.trace(), List.of());
        } catch (IOException | AgentProcess.AgentException | IllegalStateException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
    }
}
