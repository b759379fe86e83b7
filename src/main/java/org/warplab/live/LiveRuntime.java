package org.warplab.live;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
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
    private volatile List<String> mobileIpv6Problems = List.of();

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
        List<String> radvd;
        try {
            Preflight preflight = new Preflight(runner, tools, System.getProperty("os.name", ""));
            problems = preflight.problems(Requirement.LAB_BUILD, true);
            radvd = preflight.problems(List.of(Requirement.RADVD), false);
        } catch (RuntimeException e) {
            problems = List.of("live mode cannot check this host: " + e.getMessage());
            radvd = List.of();
        }
        mobileIpv6Problems = radvd;
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
        if (lab.scheme() == SchemeKind.MOBILE_IPV6 && !mobileIpv6Problems.isEmpty()) {
            return Optional.of(String.join("; ", mobileIpv6Problems));
        }
        return LiveRunner.unsupported(lab, lab.scheme());
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
