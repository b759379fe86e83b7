package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.model.SchemeKind;
import org.warplab.testing.Samples;

class CompareAndSweepCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void compareRunsEverySampleLabUnderItsSchemeAndTheBaselines() {
        for (String lab : Samples.names()) {
            assertEquals(0, run("compare", Samples.file(lab).toString()), lab + ": " + err());
            String text = out();
            List<SchemeKind> schemes = CompareCommand.schemesOf(Samples.lab(lab));
            assertEquals(Samples.lab(lab).scheme(), schemes.get(0));
            for (SchemeKind kind : schemes) {
                assertTrue(text.lines().anyMatch(l -> l.startsWith(kind.key() + " ")), lab + " has a row for " + kind.key() + ":\n" + text);
            }
        }
    }

    @Test
    void compareShowsTheSchemeKeepingTheVmAndTheBaselineLosingIt() {
        assertEquals(0, run("compare", "sample-labs/mipv6-paper.warplab.json"));
        String mip = out().lines().filter(l -> l.startsWith("mobile-ipv6")).findFirst().orElseThrow();
        String none = out().lines().filter(l -> l.startsWith("none")).findFirst().orElseThrow();
        assertTrue(mip.contains("→ mn →") && mip.contains("HA"), mip);
        assertTrue(none.contains(" unreachable after ") && none.contains(" no echo "), none);
    }

    @Test
    void theMobileIpv6DelaySweepRisesWithTheDelay(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("fig4.csv");
        assertEquals(0, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W2.delayMs=0:200:100", "-o", csv.toString()), err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("parameter,value,scheme,migration,switching_ms,downtime_ms"));
        double[] downtime = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[5])).toArray();
        assertTrue(downtime[0] < downtime[1] && downtime[1] < downtime[2], "downtime rises with the delay");
        // each 100 ms more one way costs one signalling round trip over W2, 200 ms, within a probe interval
        assertEquals(200, downtime[1] - downtime[0], 20);
        assertEquals(downtime[1] - downtime[0], downtime[2] - downtime[1], 20, "linearly");
        assertTrue(out().contains("delayMs") && out().contains("#"));
        // the table's columns as "%14s %12s" padded them: the value, the downtime with one decimal, a bar of up to 40 #
        List<String> table = out().lines().dropWhile(l -> !l.startsWith("       delayMs")).limit(4).toList();
        assertEquals("       delayMs     downtime", table.get(0));
        for (int i = 1; i < table.size(); i++) {
            String row = table.get(i);
            assertEquals(String.format("%14s", (i - 1) * 100), row.substring(0, 14), row);
            assertEquals(String.format(java.util.Locale.ROOT, " %12.1f  ", downtime[i - 1]), row.substring(14, 29), row);
            assertTrue(row.substring(29).matches("#{1,40}"), row);
        }
        assertEquals(40, table.get(3).length() - 29, "the largest downtime has the whole bar");
    }

    @Test
    void sweepWorksOnEverySampleLabForItsFirstMigrationsDowntimeLimit() {
        for (String lab : Samples.names()) {
            String migration = Samples.lab(lab).migrations().get(0).id();
            assertEquals(0, run("sweep", Samples.file(lab).toString(), "--set", "migrations." + migration + ".downtimeLimitMs=100:300:200",
                    "--metric", "gap"), lab + ": " + err());
            assertTrue(out().contains("gap"));
        }
    }

    @Test
    void sweepOtherMetricsAndSchemes() {
        assertEquals(0, run("sweep", "sample-labs/paging-paper.warplab.json", "--set", "nodes.vm1.memoryMiB=256:512:256", "--metric", "switching"));
        assertEquals(0, run("sweep", "sample-labs/paging-paper.warplab.json", "--set", "links.W2.delayMs=1:2:1", "--metric", "lost",
                "--scheme", "none"));
        assertTrue(out().contains("scheme: none"));
    }

    /** Runs in parallel give the serial order's output: the same table and the same CSV, byte for byte. */
    @Test
    void parallelSweepAndCompareEqualTheSerialOnesByteForByte(@TempDir Path dir) throws Exception {
        String lab = Samples.file("mipv6-paper").toString();
        Path serial = dir.resolve("serial.csv");
        Path parallel = dir.resolve("parallel.csv");
        CliTest.Run one = CliTest.run("sweep", lab, "--set", "links.W2.delayMs=0:200:20", "--jobs", "1", "-o", serial.toString());
        CliTest.Run two = CliTest.run("sweep", lab, "--set", "links.W2.delayMs=0:200:20", "--jobs", "2", "-o", parallel.toString());
        assertEquals(0, one.exit(), one.err());
        assertEquals(0, two.exit(), two.err());
        assertEquals(one.out().replace(serial.toString(), "F"), two.out().replace(parallel.toString(), "F"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(serial), Files.readAllBytes(parallel));
        String paging = Samples.file("paging-paper").toString();
        assertEquals(CliTest.run("compare", paging, "--jobs", "1").out(), CliTest.run("compare", paging, "--jobs", "3").out());
        assertEquals(2, CliTest.run("compare", paging, "--jobs", "0").exit());
    }

    @Test
    void badPathsFieldsRangesAndOptionsExitTwoWithTheReason() {
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W9.delayMs=0:200:20"));
        assertTrue(err().contains("no element with id 'W9'"), err());
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W2.kind=0:200:20"));
        assertTrue(err().contains("not a number"), err());
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W2.delayMs=200:0:20"));
        assertTrue(err().contains("below FROM"), err());
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W2.delayMs"));
        assertTrue(err().contains("PATH=FROM:TO:STEP"), err());
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json"));
        assertTrue(err().contains("--set"), err());
        assertEquals(2, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "links.W2.delayMs=0:1:1", "--metric", "speed"));
        assertTrue(err().contains("unknown metric 'speed'"), err());
        assertEquals(2, run("compare", "no-such.warplab.json"));
        assertEquals(2, run("compare"));
    }

    @Test
    void aValueThatMakesTheLabInvalidExitsOne() {
        assertEquals(1, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "migrations.MIG1.atMs=-100:0:100"));
        assertTrue(err().contains("atMs = -100") || err().contains("-100"), err());
    }

    /** Every value's lab is checked (on the run threads) before any run: a later invalid value stops the sweep before the table, at 1 and 2 jobs alike. */
    @Test
    void theFirstInvalidValueInTheSweepsOrderIsReportedWhateverRanBeforeIt() {
        String[] outs = new String[2];
        String[] errs = new String[2];
        for (int jobs = 1; jobs <= 2; jobs++) {
            // 1000 ... 7000 ms are valid starts in the 8 s run, 8000 and later are not
            assertEquals(1, run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set", "migrations.MIG1.atMs=1000:16000:1000", "--jobs", String.valueOf(jobs)));
            outs[jobs - 1] = out();
            errs[jobs - 1] = err();
            assertTrue(err().startsWith("warplab sweep: with migrations.MIG1.atMs = 8000 the lab is invalid:"), err());
            assertFalse(out().contains("downtime\n") || out().contains("#"), "no table for an invalid sweep: " + out());
        }
        assertEquals(outs[0], outs[1]);
        assertEquals(errs[0], errs[1]);
    }
}
