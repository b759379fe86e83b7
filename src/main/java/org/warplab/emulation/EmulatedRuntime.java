package org.warplab.emulation;

import java.util.Optional;
import java.util.function.Consumer;
import org.warplab.model.Lab;
import org.warplab.run.LabRuntime;
import org.warplab.run.RunFailedException;
import org.warplab.run.RunOutcome;

/** The emulator as a {@link LabRuntime}: every run keeps its trace and captures, for replay and pcap export. */
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
        progress.accept("emulating " + lab.name() + " (seed " + seed + ")…");
        try {
            Emulator.Outcome outcome = Emulator.run(lab, Emulator.Options.defaults(seed));
            return new RunOutcome(outcome.result(), outcome.trace(), outcome.captures());
        } catch (EmulationException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
    }
}
