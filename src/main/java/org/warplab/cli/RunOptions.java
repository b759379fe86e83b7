package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.config.ConfigOptions;
import org.warplab.config.ConfigTree;
import org.warplab.config.MipTunnel;
import org.warplab.config.SegmentTransport;
import org.warplab.emulation.EmulatedRuns;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.ParallelRuns;
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

    /** {@code --segment-transport T --mip-tunnel T}: the generator's variants for a kernel without 802.1Q or ip6tnl. */
    static final class KernelVariants {
        @Option(names = "--segment-transport", paramLabel = "T",
                description = "vlan (802.1Q, default) or vxlan (kernels without 802.1Q).")
        SegmentTransport transport;

        @Option(names = "--mip-tunnel", paramLabel = "T", description = "ip6tnl (default) or seg6 (kernels without ip6tnl).")
        MipTunnel tunnel;

        ConfigOptions applyTo(ConfigOptions options) {
            ConfigOptions chosen = options;
            if (transport != null) {
                chosen = chosen.withSegmentTransport(transport);
            }
            if (tunnel != null) {
                chosen = chosen.withMipTunnel(tunnel);
            }
            return chosen;
        }
    }

    /** {@code --seed N}. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Seed of the random source (jitter, loss, advertisements); default ${DEFAULT-VALUE}.")
        long seed;
    }

    /** {@code --jobs N}: emulator runs at once, for the commands that run a lab many times. */
    static final class Jobs {
        @Option(names = "--jobs", paramLabel = "N",
                description = "Runs at once; default one per core, fewer when the heap is short (the output is the same whatever N is).")
        Long jobs;

        /**
         * Runs {@code labs} in the emulator with {@code seed}, as many at once as {@code --jobs} says
         * (default: what {@link EmulatedRuns#plan} allows); results in the labs' order. On a terminal,
         * progress goes to {@code err} on one line, so the output is the same as a serial run's.
         */
        List<EmulatedRuns.Run> runAll(List<Lab> labs, long seed, PrintStream err) throws UsageException, ParallelRuns.CancelledException {
            int workers = jobs == null ? EmulatedRuns.plan(labs).workers() : checked(jobs);
            boolean terminal = System.console() != null && labs.size() > 1;
            ParallelRuns.Progress progress = terminal ? (done, total) -> {
                synchronized (err) {
                    err.print("\r" + done + "/" + total + " runs" + (done == total ? "\r" + " ".repeat(20) + "\r" : ""));
                    err.flush();
                }
            } : ParallelRuns.Progress.NONE;
            return EmulatedRuns.runAll(labs, seed, workers, progress, new ParallelRuns.Cancel());
        }

        /** Refuses a --jobs out of range before a command prints anything (its table would stop after the header). */
        void check() throws UsageException {
            if (jobs != null) {
                checked(jobs);
            }
        }

        /** The runs at once that --jobs asks for, or {@code fallback} when it is not given. */
        int workers(int fallback) throws UsageException {
            return jobs == null ? fallback : checked(jobs);
        }

        private static int checked(long jobs) throws UsageException {
            if (jobs < 1 || jobs > 1024) {
                throw new UsageException("--jobs " + jobs + " must be between 1 and 1024");
            }
            return (int) jobs;
        }
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

    /** {@code -o DIR --force}: where a command writes its files; refused when not empty, unless --force. */
    static final class OutputDirectory {
        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write (refused if not empty, unless --force).")
        Path dir;

        @Option(names = "--force", description = "Write into a DIR that is not empty (its files of the same name are replaced).")
        boolean force;

        /** The directory asked for; a usage mistake when -o is missing. */
        Path required() throws UsageException {
            if (dir == null) {
                throw new UsageException("say where to write with -o DIR");
            }
            return dir;
        }

        /** The reason {@code command} must not write into the directory, or empty when it may. */
        Optional<String> refusal(String command) throws IOException {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                return Optional.of(command + ": " + dir + " exists and is not a directory");
            }
            if (!force && ConfigTree.isNonEmptyDirectory(dir)) {
                return Optional.of(command + ": " + dir + " is not empty; use --force to write into it anyway, or choose an empty directory");
            }
            return Optional.empty();
        }
    }
}
