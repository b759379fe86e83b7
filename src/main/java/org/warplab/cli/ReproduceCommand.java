package org.warplab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.PaperReproduction;
import org.warplab.io.IoProblems;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab reproduce paper-000|paper-003}: a paper's table beside the emulator's, on the paper's testbed profile. */
@Command(name = "reproduce", description = {
    "Run a paper's experiments on its testbed profile; its table beside the emulator's.",
    "",
    "Runs the paper's experiments in the emulator on the paper's testbed profile (its hypervisor, capture tool and daemons "
        + "as distributions, each with its source; see docs/fidelity.md) over N seeds, and prints each figure the paper "
        + "published beside the emulator's mean ± σ measured with the paper's own definition (quoted), the ratio, and "
        + "whether the row is FITTED (a profile value was fitted to it: agreement proves nothing) or PREDICTED (it follows "
        + "from the mechanisms and the other values: the real test). Goal: means within 20 %%, σ within 50 %%.",
    "",
    "  paper-000   network paging on VMware ESX: switching time and VM downtime",
    "  paper-003   Mobile IPv6 on Xen 3.1: Figure 4 (downtime against delay: floor and slope) and Table 1",
    "              (save, image copy, memory copy, restore, IP mobility)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ran (rows outside the tolerance are results, shown as NO)",
            "2:bad option, missing sample labs, or a file that cannot be written"})
final class ReproduceCommand extends HeadlessCommand {
    /** Runs per experiment: enough for paper 000's σ rows to settle (an exponential's σ from n draws is ±1/√n). */
    static final int DEFAULT_RUNS_000 = 100;
    /** Paper 003's figures have little spread; each of Figure 4's 11 delays is run this often. */
    static final int DEFAULT_RUNS_003 = 5;

    @Parameters(paramLabel = "PAPER", arity = "0..1", description = "paper-000 or paper-003.")
    String paperKey;

    @Option(names = "--runs", paramLabel = "N", description = "Runs per experiment (default 100 for paper-000, 5 for paper-003).")
    Long runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "First seed; runs use S, S+1, ... (default 1).")
    long seed;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the table as an HTML page.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the rows as CSV.")
    Path csv;

    @Option(names = "--labs", paramLabel = "DIR", defaultValue = "sample-labs",
            description = "Where the sample labs are (default sample-labs in the working folder).")
    Path labsDir;

    @Override
    int run() throws UsageException {
        if (paperKey == null) {
            throw new UsageException("name one paper: paper-000 or paper-003");
        }
        PaperReproduction.Paper paper = Arrays.stream(PaperReproduction.Paper.values()).filter(p -> p.key().equals(paperKey)).findFirst()
                .orElseThrow(() -> new UsageException("'" + paperKey + "' is not a paper; choose paper-000 or paper-003"));
        long n = runs != null ? runs : paper == PaperReproduction.Paper.PAPER_000 ? DEFAULT_RUNS_000 : DEFAULT_RUNS_003;
        if (n < 2 || n > 10_000) {
            throw new UsageException("--runs takes 2 to 10000 (a σ needs two runs at least)");
        }
        List<Lab> labs = new ArrayList<>();
        for (String name : paper.labs()) {
            Path file = labsDir.resolve(name + LabFiles.EXTENSION);
            if (!Files.isRegularFile(file)) {
                err.println(name() + ": " + file.toAbsolutePath() + " is missing; the paper's experiments run on the sample labs "
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
            report = PaperReproduction.reproduce(paper, labs, (int) n, seed);
        } catch (EmulationException e) {
            err.println(name() + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.print(ReproductionTable.text(report));
        Optional<String> failed = write(csv, ReproductionTable.csvHeader() + ReproductionTable.csvRows(report))
                .or(() -> write(html, ReproductionTable.html(List.of(report))));
        if (failed.isPresent()) {
            err.println(name() + ": " + failed.get());
            return Cli.UNUSABLE;
        }
        return Cli.OK;
    }

    /** Writes {@code text} to {@code file}, if one is named; the error, if it could not. */
    private static Optional<String> write(Path file, String text) {
        if (file == null) {
            return Optional.empty();
        }
        try {
            LabFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(file + " cannot be written: " + IoProblems.describe(e));
        }
    }
}
