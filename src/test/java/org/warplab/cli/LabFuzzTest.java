package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The fuzzing test of {@code mvn verify}: seeded mutations of the sample labs and of the regression
 * corpus ({@code src/test/resources/fuzz-corpus}, {@code hostile}) through reader, validator, writer,
 * config generators and emulator. It runs a fixed number of labs; the deadline only guards against
 * a hang. A crash's input is written to {@code target/fuzz-crashes}: keep it in the corpus once fixed.
 */
class LabFuzzTest {

    static final long LABS = 5_000;
    static final long EMULATOR_RUNS = 300;
    static final long HANG_GUARD_NS = 20L * 60 * 1_000_000_000L;

    @Test
    void mutatedLabsGetAClearAnswerEveryTime() throws Exception {
        long seed = Long.getLong("warplab.fuzz.seed", 18);
        List<String> corpus = LabFuzzer.corpus(Path.of("sample-labs"), Path.of("src/test/resources/fuzz-corpus"), Path.of("src/test/resources/hostile"));
        long start = System.nanoTime();
        LabFuzzer.Tally tally = new LabFuzzer(seed, corpus).run(LABS, EMULATOR_RUNS, start + HANG_GUARD_NS);
        System.out.printf(Locale.ROOT, "fuzz (seed %d): %,d labs, %,d read, %,d valid, %,d emulated, %d crashes in %.0f s%n", seed, tally.labs(),
                tally.parsed(), tally.valid(), tally.emulated(), tally.crashes().size(), (System.nanoTime() - start) / 1e9);
        Path out = Path.of("target/fuzz-crashes");
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < tally.crashes().size(); i++) {
            Files.createDirectories(out);
            Path file = out.resolve("crash-" + seed + "-" + i + ".warplab.json");
            Files.writeString(file, tally.crashes().get(i).input(), StandardCharsets.UTF_8);
            report.append(file).append(": ").append(tally.crashes().get(i).what()).append('\n');
        }
        assertTrue(tally.crashes().isEmpty(), report.toString());
        assertTrue(tally.labs() >= LABS && tally.emulated() >= EMULATOR_RUNS, "stopped by the hang guard after " + tally);
    }
}
