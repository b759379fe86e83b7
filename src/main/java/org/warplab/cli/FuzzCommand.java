package org.warplab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.warplab.io.IoProblems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warplab fuzz --minutes N}: the fuzzing test of {@code mvn verify}, for as long as one likes. */
@Command(name = "fuzz", description = {
    "Feed mutated labs through the reader, validator, writer, config generators and emulator.",
    "",
    "Mutates the sample labs and the regression corpus (numbers set to awkward values, strings to other ids, fields and "
        + "elements dropped or doubled, types changed, the text damaged) for N minutes, and reports every input that got "
        + "anything but a clear refusal: an unexpected exception, a message naming Java's internals or thousands of "
        + "characters long, a canonical text that does not read back. Each such input is written to the crash directory; "
        + "keep it under src/test/resources/fuzz-corpus so the test replays it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no crash", "1:crashes found (written to the crash directory)", "2:bad option or unwritable directory"})
final class FuzzCommand extends HeadlessCommand {

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "1", description = "How long to fuzz; default ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "18", description = "The mutations' seed; default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--crashes", paramLabel = "DIR", defaultValue = "fuzz-crashes", description = "Where crash inputs go; default ${DEFAULT-VALUE}.")
    Path crashes;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Lab files to mutate (default: sample-labs and src/test/resources/fuzz-corpus).")
    List<Path> corpus = List.of(Path.of("sample-labs"), Path.of("src/test/resources/fuzz-corpus"), Path.of("src/test/resources/hostile"));

    @Override
    int run() throws UsageException {
        if (!(minutes > 0 && minutes <= 7 * 24 * 60)) {
            throw new UsageException("--minutes takes a positive number up to a week (10080)");
        }
        List<String> texts;
        try {
            texts = LabFuzzer.corpus(corpus.toArray(Path[]::new));
        } catch (IOException e) {
            err.println(name() + ": cannot read the corpus: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        if (texts.isEmpty()) {
            err.println(name() + ": no lab files (*.json) in " + corpus + "; run it from the project's folder or name one with --corpus");
            return Cli.UNUSABLE;
        }
        long start = System.nanoTime();
        LabFuzzer.Tally tally = new LabFuzzer(seed, texts).run(Long.MAX_VALUE, Long.MAX_VALUE, start + (long) (minutes * 60e9));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%,d labs in %.0f s (seed %d): %,d read, %,d valid, %,d emulated; %d crash(es)%n", tally.labs(), seconds, seed,
                tally.parsed(), tally.valid(), tally.emulated(), tally.crashes().size());
        if (tally.crashes().isEmpty()) {
            return Cli.OK;
        }
        try {
            Files.createDirectories(crashes);
            for (int i = 0; i < tally.crashes().size(); i++) {
                LabFuzzer.Crash crash = tally.crashes().get(i);
                Path file = crashes.resolve(String.format(Locale.ROOT, "crash-%d-%03d.warplab.json", seed, i));
                Files.writeString(file, crash.input(), StandardCharsets.UTF_8);
                out.println(file + ": " + crash.what());
            }
        } catch (IOException e) {
            err.println(name() + ": cannot write the crash inputs: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        return Cli.INVALID;
    }
}
