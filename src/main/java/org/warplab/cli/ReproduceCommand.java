package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.PaperReproduction;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;

/** {@code warplab reproduce paper-000|paper-003}: a paper's table beside the emulator's, on the paper's testbed profile. */
final class ReproduceCommand implements Command {
    static final Set<String> VALUE_OPTIONS = Set.of("--runs", "--seed", "--html", "--csv", "--labs");
    /** Runs per experiment: enough for paper 000's σ rows to settle (an exponential's σ from n draws is ±1/√n). */
    static final int DEFAULT_RUNS_000 = 100;
    /** Paper 003's figures have little spread; each of Figure 4's 11 delays is run this often. */
    static final int DEFAULT_RUNS_003 = 5;

    @Override
    public String name() {
        return "reproduce";
    }

    @Override
    public String summary() {
        return "run a paper's experiments on its testbed profile and set its table beside the emulator's";
    }

    @Override
    public String help() {
        return """
                Usage: warplab reproduce paper-000|paper-003 [--runs N] [--seed S] [--html FILE] [--csv FILE]
                                         [--labs DIR]

                Runs the paper's experiments in the emulator on the paper's testbed profile (its
                hypervisor, capture tool and daemons as distributions, each with its source; see
                docs/fidelity.md), over N seeds, and prints each figure the paper published beside
                the emulator's mean ± σ measured with the paper's own definition (quoted), the
                ratio, and whether the row is FITTED (a profile value was fitted to it: agreement
                proves nothing) or PREDICTED (it follows from the mechanisms and the other values:
                the real test). Goal: means within 20 %%, σ within 50 %%.

                  paper-000   network paging (VMware ESX): switching time and VM downtime
                  paper-003   Mobile IPv6 (Xen 3.1): Figure 4 (downtime against delay: floor and
                              slope) and Table 1 (save, image copy, memory copy, restore, IP
                              mobility)

                  --runs N    runs per experiment (default %d for paper-000, %d for paper-003)
                  --seed S    first seed (default 1); runs use S, S+1, ...
                  --html F    also write the table as an HTML page
                  --csv F     also write the rows as CSV
                  --labs DIR  where the sample labs are (default sample-labs in the working folder)

                Exit codes: 0 ran (rows outside the tolerance are results, shown as NO), 2 bad
                option, missing sample labs or a file that cannot be written.
                """.formatted(DEFAULT_RUNS_000, DEFAULT_RUNS_003);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("name one paper: paper-000 or paper-003");
        }
        PaperReproduction.Paper paper = Arrays.stream(PaperReproduction.Paper.values()).filter(p -> p.key().equals(args.positionals().get(0)))
                .findFirst().orElseThrow(() -> new UsageException("'" + args.positionals().get(0) + "' is not a paper; choose paper-000 or paper-003"));
        long runs = args.longOption("--runs", paper == PaperReproduction.Paper.PAPER_000 ? DEFAULT_RUNS_000 : DEFAULT_RUNS_003);
        if (runs < 2 || runs > 10_000) {
            throw new UsageException("--runs takes 2 to 10000 (a σ needs two runs at least)");
        }
        long seed = args.longOption("--seed", 1);
        Path labsDir = Path.of(args.option("--labs").orElse("sample-labs"));
        List<Lab> labs = new ArrayList<>();
        for (String name : paper.labs()) {
            Path file = labsDir.resolve(name + LabFiles.EXTENSION);
            if (!Files.isRegularFile(file)) {
                err.println("warplab reproduce: " + file.toAbsolutePath() + " is missing; the paper's experiments run on the sample labs "
                        + "(run from the WarpLab folder, or give --labs DIR)");
                return Cli.UNUSABLE;
            }
            try {
                labs.add(LabFiles.load(file).lab());
            } catch (LabFileException e) {
                e.problems().forEach(err::println);
                return Cli.UNUSABLE;
            }
        }
        PaperReproduction.Report report;
        try {
            report = PaperReproduction.reproduce(paper, labs, (int) runs, seed);
        } catch (EmulationException e) {
            err.println("warplab reproduce: " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.print(ReproductionTable.text(report));
        Optional<String> failed = write(args.option("--csv"), ReproductionTable.csvHeader() + ReproductionTable.csvRows(report))
                .or(() -> write(args.option("--html"), ReproductionTable.html(List.of(report))));
        if (failed.isPresent()) {
            err.println("warplab reproduce: " + failed.get());
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    /** Writes {@code text} to the named file, if one is named; the error, if it could not. */
    private static Optional<String> write(Optional<String> file, String text) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            LabFiles.writeAtomically(Path.of(file.get()), text.getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(file.get() + " cannot be written: " + e.getMessage());
        }
    }
}
