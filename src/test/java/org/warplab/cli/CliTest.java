package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Samples;

class CliTest {

    record Run(int exit, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateSaysOkForEverySample() {
        String[] args = Samples.files().stream().map(Path::toString).toArray(String[]::new);
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        Run run = run(all);
        assertEquals(0, run.exit(), run.out());
        assertEquals(args.length, run.out().lines().filter(l -> l.endsWith(": ok")).count());
    }

    @Test
    void anInvalidLabExitsOneWithPlacedProblems(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("bad.warplab.json");
        Files.writeString(lab, Files.readString(Samples.file("paging-paper")).replace("\"b\": \"R1\"", "\"b\": \"R9\""));
        Run run = run("validate", lab.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains(lab + ":104:12: links[0].b: error: node 'R9' does not exist"), run.out());
        assertTrue(run.out().contains("2 error(s), 0 warning(s)"), run.out());
    }

    @Test
    void anUnreadableFileExitsTwo(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("bad.warplab.json");
        Files.writeString(lab, "{ not json");
        Run run = run("validate", lab.toString());
        assertEquals(2, run.exit());
        assertTrue(run.out().startsWith(lab + ":1:3: not valid JSON"), run.out());
    }

    @Test
    void usageMistakesExitTwoWithAHint() {
        Run unknownCommand = run("frobnicate");
        assertEquals(2, unknownCommand.exit());
        assertTrue(unknownCommand.err().contains("'frobnicate' is not a command"));
        Run unknownOption = run("validate", "--colour", "x.json");
        assertEquals(2, unknownOption.exit());
        assertEquals("warplab validate: unknown option --colour for 'validate'; see 'warplab validate --help'\n", unknownOption.err());
        Run nothing = run("validate");
        assertEquals(2, nothing.exit());
    }

    @Test
    void everyCommandHasHelp() {
        Run overview = run("--help");
        assertEquals(0, overview.exit());
        for (String line : overview.out().lines().filter(l -> l.matches("  [a-z].*")).toList()) {
            String command = line.strip().split("\\s+")[0];
            Run help = run(command, "--help");
            assertEquals(0, help.exit(), command);
            assertTrue(help.out().contains("Usage: warplab " + command), command + ": " + help.out());
        }
    }

    @Test
    void formatRewritesOnlyWhatIsNotCanonical(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("lab.warplab.json");
        String canonical = Files.readString(Samples.file("baseline-no-scheme"));
        Files.writeString(lab, canonical.replace("\n", "\n  ").replace("\"jitterMs\": 0,", ""));
        assertEquals(1, run("format", "--check", lab.toString()).exit());
        Run format = run("format", lab.toString());
        assertEquals(0, format.exit());
        assertEquals(canonical, Files.readString(lab));
        assertEquals(0, run("format", "--check", lab.toString()).exit());
    }

    @Test
    void formatSaysThatAVersionOneFileBecomesVersionTwo(@TempDir Path dir) throws Exception {
        Path lab = dir.resolve("old.warplab.json");
        String canonical = Files.readString(Samples.file("baseline-no-scheme"));
        Files.writeString(lab, canonical.replace("\"formatVersion\": 2,", "\"formatVersion\": 1,").replace(",\n  \"testbed\": \"ideal\"", ""));
        Run check = run("format", "--check", lab.toString());
        assertEquals(1, check.exit());
        assertTrue(check.out().contains("not in canonical form; format version 1: opened unchanged, saved as format version 2"), check.out());
        Run format = run("format", lab.toString());
        assertEquals(0, format.exit());
        assertTrue(format.out().contains("formatted; format version 1: opened unchanged, saved as format version 2, which adds the testbed "
                + "profile the lab runs on (\"testbed\")"), format.out());
        assertEquals(canonical, Files.readString(lab));
    }

    @Test
    void reproduceWritesThePapersTableAndRefusesWhatItCannotRun(@TempDir Path dir) throws Exception {
        Run unknown = run("reproduce", "paper-999");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("'paper-999' is not a paper; choose paper-000 or paper-003"), unknown.err());
        Run noLabs = run("reproduce", "paper-000", "--runs", "3", "--labs", dir.resolve("none").toString());
        assertEquals(2, noLabs.exit());
        assertTrue(noLabs.err().contains("paging-paper.warplab.json is missing"), noLabs.err());
        Path csv = dir.resolve("r.csv");
        Path html = dir.resolve("r.html");
        Run ok = run("reproduce", "paper-000", "--runs", "3", "--csv", csv.toString(), "--html", html.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("switching time, mean") && ok.out().contains("fitted") && ok.out().contains("predicted"), ok.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size(), "a header and one line per row");
        assertTrue(lines.get(1).startsWith("paper-000,\"switching time, mean\",ms,80.0000,"), lines.get(1));
        assertTrue(Files.readString(html).contains("<td>VM downtime, σ</td>"));
    }
}
