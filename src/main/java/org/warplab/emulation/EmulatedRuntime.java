package org.warplab.emulation;

import java.util.Optional;
import java.util.function.Consumer;
import org.warplab.emulation.network.EmulationException;
import org.warplab.model.Lab;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;

/**
 * The emulator as a {@link LabRuntime}: a run keeps its trace (compact, capped) and captures, for
 * replay and pcap export; a run for the figures keeps neither.
 */
public final class EmulatedRuntime implements LabRuntime {

    @Override
    public String description() {
        return "the emulator";
    }

    @Override
    public Optional<String> unavailable(Lab lab) {
        return Emulator.emulatedSchemes().contains(lab.scheme()) ? Optional.empty()
                : Optional.of("the emulator does not run " + lab.scheme().label());
    }

    @Override
    public long heapEstimate(Lab lab) {
        return EmulatedRuns.heapEstimate(lab);
    }

    @Override
    public RunOutcome run(Lab lab, long seed, Consumer<String> progress) throws RunFailedException {
        return run(lab, Emulator.Options.defaults(seed), progress);
    }

    @Override
    public RunOutcome runForFigures(Lab lab, long seed, Consumer<String> progress) throws RunFailedException {
        return run(lab, Emulator.Options.metrics(seed), progress);
    }

    private RunOutcome run(Lab lab, Emulator.Options options, Consumer<String> progress) throws RunFailedException {
        long seed = options.seed();
        progress.accept("emulating " + lab.name() + " (seed " + seed + ")…");
        try {
            Emulator.Outcome outcome = Emulator.run(lab, options);
            return new RunOutcome(outcome.result(), outcome.trace(), outcome.captures());
        } catch (EmulationException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
    }
}
