package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.warplab.model.SchemeKind;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import picocli.CommandLine.Option;

/** Options the run commands share, as picocli mixins. */
final class RunOptions {
    private RunOptions() {
    }

    /** {@code --scheme S}: run (or generate) under another scheme than the lab's. */
    static final class SchemeChoice {
        @Option(names = "--scheme", paramLabel = "S", completionCandidates = Converters.SchemeKeys.class,
                description = "Use another scheme than the lab's: ${COMPLETION-CANDIDATES}.")
        SchemeKind scheme;
    }

    /** {@code --seed N}. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Seed of the random source (jitter, loss, advertisements); default ${DEFAULT-VALUE}.")
        long seed;
    }

    /** {@code --report FILE --trace FILE}: a run's result and trace written out. */
    static final class ResultFiles {
        @Option(names = "--report", paramLabel = "FILE.json", description = "Write the result as JSON.")
        Path report;

        @Option(names = "--trace", paramLabel = "FILE.jsonl", description = "Write every packet hop and state change as JSON lines.")
        Path trace;

        void write(RunResult result, Trace events, PrintStream out) throws IOException {
            if (report != null) {
                RunExports.writeResult(result, report);
                out.println("result written to " + report);
            }
            if (trace != null) {
                RunExports.writeTrace(events, trace);
                out.println("trace (" + events.size() + " events) written to " + trace);
            }
        }
    }
}
