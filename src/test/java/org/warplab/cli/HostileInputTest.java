package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The defects of issue 18 as a hostile user found them, each with its input under
 * {@code src/test/resources/hostile}: every one ends with a located message and the documented exit
 * code, never a stack trace, a hang, or a gigabyte of text. The timeouts catch hangs, not speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputTest {

    private static final Path HOSTILE = Path.of("src/test/resources/hostile");

    record Run(int code, String out, String err) { }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // file                    | exit | the message names
        "duration-1e999999999      | 2    | 5:17: durationMs: the number 1E+999999999 is too large",
        "duration-9.2e12           | 1    | durationMs is 9200000000000 ms, outside 0.000001 to 3600000 ms",
        "interval-1e-6             | 1    | traffic[0].intervalMs: error: intervalMs is 0.000001 ms, outside 0.1 to 60000 ms",
        "ra-max-1e9                | 1    | schemes.mobile-ipv6.raMaxIntervalMs: error: raMaxIntervalMs is 1000000000 ms",
        "ra-max-16777215           | 1    | raMaxIntervalMs is 16777215 ms, outside 10 to 1800000 ms",
        "memory-1048576            | 1    | nodes[1].memoryMiB: error: memoryMiB is 1048576 MiB, outside 16 to 262144 MiB",
        "x-1e309                   | 2    | nodes[0].x: the number 1E+309 is too large",
        "loss-1e400                | 2    | links[0].lossPercent: the number 1E+400 is too large",
        "number-1001-digits        | 2    | a number with 1001 digits; a lab's numbers have at most 100",
        "nesting-100-deep          | 2    | nested 65 deep; a lab file nests at most 64",
    })
    void aLabOutsideTheFormatsLimitsIsRefusedInOneLinePerProblem(String name, int exit, String expected) {
        // format rewrites a file it can read, so it only meets the ones the reader refuses
        for (String command : exit == 2 ? new String[] {"validate", "emulate", "format"} : new String[] {"validate", "emulate"}) {
            Run run = cli(command, HOSTILE.resolve(name + ".warplab.json").toString());
            assertEquals(exit, run.code(), command + " " + name + ": " + run.err());
            String said = run.out() + run.err();
            assertTrue(said.contains(expected), command + " " + name + ": " + said);
            assertTrue(said.length() < 3_000, "a short message, not " + said.length() + " characters");
            assertFalse(said.contains("Exception") || said.contains("StreamReadConstraints") || said.contains("\tat "), said);
        }
    }

    @Test
    void twoMigrationsOfOneVmAtTheSameInstantRunInOrderAndTheValidatorSaysSo() {
        Path lab = HOSTILE.resolve("same-time-three-dc.warplab.json");
        Run validate = cli("validate", lab.toString());
        assertEquals(0, validate.code(), validate.err());
        assertTrue(validate.out().contains("'MIG2' starts when 'MIG1' has finished") || validate.err().contains("'MIG2' starts when 'MIG1' has finished"),
                validate.out() + validate.err());
        Run emulate = cli("emulate", lab.toString());
        assertEquals(0, emulate.code(), emulate.err());
        assertTrue(emulate.out().contains("Migration MIG2: vm1 (172.16.10.2) DC2 → DC3"), "the second move leaves from where the first arrived: " + emulate.out());
        assertTrue(emulate.out().contains("MIG2 started at 1471 ms, when vm1's previous migration finished"), emulate.out());
        for (String command : new String[] {"compare", "sweep"}) {
            Run run = command.equals("compare") ? cli("compare", lab.toString())
                    : cli("sweep", lab.toString(), "--set", "links.W1.delayMs=1:3:1");
            assertEquals(0, run.code(), command + ": " + run.err());
            assertFalse(run.err().contains("internal error"), run.err());
        }
    }

    @Test
    void configsAfterOnALabWithoutMigrationSaysThereIsNoAfterAndWritesNothing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Run run = cli("configs", HOSTILE.resolve("no-migration.warplab.json").toString(), "-o", out.toString(), "--state", "after");
        // the validator decides (one truth): a lab without a migration is an invalid lab, located in the file
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("migrations: error: the lab has no migration"), run.err());
        assertFalse(run.err().contains("internal error"), run.err());
        assertFalse(run.out().contains("written to"), run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFifoGivenAsTheLabIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("lab.warplab.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        for (String command : new String[] {"validate", "emulate"}) {
            Run run = cli(command, fifo.toString());
            assertEquals(2, run.code(), run.err());
            assertTrue((run.out() + run.err()).contains("is not a regular file (a pipe, socket or device)"), run.out() + run.err());
        }
        Run directory = cli("emulate", dir.toString());
        assertEquals(2, directory.code());
        assertTrue(directory.err().contains("is a directory"), directory.err());
    }

    @Test
    void aFullStandardOutputFailsTheCommand() {
        PrintStream full = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        }, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli().run(new String[] {"emulate", "sample-labs/paging-paper.warplab.json"}, full, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot write to standard output"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writeErrorsSayWhy(@TempDir Path dir) {
        Run folder = cli("emulate", "sample-labs/paging-paper.warplab.json", "--report", dir.toString());
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains(dir + ": it is a folder, not a file"), folder.err());
        if (Files.isWritable(Path.of("/dev/full"))) {
            Run full = cli("emulate", "sample-labs/paging-paper.warplab.json", "--report", "/dev/full");
            assertEquals(2, full.code());
            assertTrue(full.err().contains("no space left on the device"), full.err());
            assertTrue(!Files.isRegularFile(Path.of("/dev/full")), "the device is written to, never replaced by a file");
        }
    }
}
