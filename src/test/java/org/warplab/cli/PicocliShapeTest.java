package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command tree: version, subcommands, messages for wrong command lines, and the generated man page and completion. */
class PicocliShapeTest {

    private static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void aCommandNamedFirstIsParsedAndHelpedExactlyAsInTheWholeTree() {
        // Cli builds only the named command's model; its name, help and messages are the whole tree's
        picocli.CommandLine whole = Cli.commandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(java.util.List.copyOf(WarplabCommand.COMMANDS.keySet()), java.util.List.copyOf(whole.getSubcommands().keySet()));
        for (var entry : WarplabCommand.COMMANDS.entrySet()) {
            assertEquals(entry.getKey(), new picocli.CommandLine(entry.getValue().get()).getCommandName(), "the key is the command's own name");
            if (entry.getKey().equals("help")) {
                continue;
            }
            CliTest.Run help = run(entry.getKey(), "--help");
            assertEquals(whole.getSubcommands().get(entry.getKey()).getUsageMessage(picocli.CommandLine.Help.Ansi.OFF), help.out(), entry.getKey());
            if (entry.getKey().equals("agent")) {
                continue; // an agent's arguments are its own, an unknown option included
            }
            CliTest.Run wrong = run(entry.getKey(), "--no-such-option");
            assertEquals(2, wrong.exit());
            assertTrue(wrong.err().startsWith("warplab " + entry.getKey() + ": "), entry.getKey() + ": " + wrong.err());
        }
        assertTrue(run("help", "sweep").out().contains("Usage: warplab sweep"));
    }

    @Test
    void versionNamesTheProgram() {
        CliTest.Run version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("warplab "), version.out());
    }

    @Test
    void liveActionsAreSubcommandsWithTheirOwnOptions() {
        CliTest.Run noLab = run("live", "run");
        assertEquals(2, noLab.exit());
        assertTrue(noLab.err().startsWith("warplab live run: name one lab file"), noLab.err());
        CliTest.Run repeatOnProbe = run("live", "probe", "--repeat", "3");
        assertEquals(2, repeatOnProbe.exit());
        assertEquals("warplab live probe: unknown option --repeat for 'live probe'; see 'warplab live probe --help'\n", repeatOnProbe.err());
        CliTest.Run badRepeat = run("live", "run", "x.json", "--repeat", "many");
        assertEquals("warplab live run: --repeat takes a whole number, got 'many'\n", badRepeat.err());
        CliTest.Run badVm = run("live", "run", "x.json", "--vm", "docker");
        assertEquals("warplab live run: --vm takes namespace or qemu, got 'docker'\n", badVm.err());
        assertEquals("warplab live: 'frob' is not a live action; use run, probe or cleanup\n", run("live", "frob").err());
    }

    @Test
    void optionsTakeEqualsOrASeparateValueAndTheLastRepeatWins(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("out.csv");
        CliTest.Run sweep = run("sweep", "sample-labs/mipv6-paper.warplab.json", "--set=links.W2.delayMs=0:100:100", "--metric", "gap",
                "--metric=lost", "-o", csv.toString());
        assertEquals(0, sweep.exit(), sweep.err());
        assertTrue(sweep.out().contains("; lost (probes)"), sweep.out());
        assertEquals(3, Files.readAllLines(csv).size());
    }

    @Test
    void wrongValuesAreNamedWithTheOption() {
        assertEquals("warplab configs: --segment-transport takes vlan or vxlan, got 'gre'\n",
                run("configs", "x.json", "-o", "out", "--segment-transport", "gre").err());
        assertEquals("warplab sweep: unknown metric 'speed'; choose one of downtime, gap, switching, lost\n",
                run("sweep", "x.json", "--metric", "speed").err());
        assertEquals("warplab bench: --flows needs a value; see 'warplab bench --help'\n", run("bench", "--flows").err());
        CliTest.Run switchWithValue = run("format", "--check=yes", "x.json");
        assertEquals(2, switchWithValue.exit());
        assertTrue(switchWithValue.err().startsWith("warplab format: ") && switchWithValue.err().contains("'yes'"), switchWithValue.err());
    }

    @Test
    void anAtSignIsAFileNameNotAnArgumentFile(@TempDir Path dir) throws Exception {
        CliTest.Run validate = run("validate", "@" + dir.resolve("missing.json"));
        assertEquals(2, validate.exit());
        assertTrue(validate.out().contains("@" + dir.resolve("missing.json")), validate.out());
    }

    @Test
    void anythingThrownBecomesOneLineAndExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Cli.failure(null, new OutOfMemoryError("Java heap space"), stream));
        assertEquals(2, Cli.failure(null, new StackOverflowError(), stream));
        assertEquals(2, Cli.failure(null, new IllegalStateException("two\nlines"), stream));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count(), text);
        assertTrue(text.contains("out of memory (Java heap space)") && text.contains("-Xmx"), text);
        assertFalse(text.contains("\tat "), text);
        // a null argument breaks the parser itself: still one line
        CliTest.Run nullArgument = run("validate", null);
        assertEquals(2, nullArgument.exit());
        assertEquals(1, nullArgument.err().lines().count(), nullArgument.err());
    }

    @Test
    void theManPageAndTheCompletionCoverEveryCommand(@TempDir Path dir) throws Exception {
        CliDocs.write(dir);
        String man = Files.readString(dir.resolve("warplab.1"));
        String completion = Files.readString(dir.resolve("warplab_completion"));
        assertTrue(man.startsWith(".TH WARPLAB 1"), man);
        for (String command : new String[] {"validate", "format", "emulate", "compare", "sweep", "bench", "configs", "live run", "live probe",
            "live cleanup", "guest build"}) {
            assertTrue(man.contains(".SS \"warplab " + command + "\""), command);
            assertTrue(completion.contains(command.replace(' ', '_')) || completion.contains(command.split(" ")[command.split(" ").length - 1]), command);
        }
        assertTrue(man.contains("\\-\\-segment\\-transport"), "options are written with minus signs");
        assertTrue(completion.contains("network-paging"), "scheme names complete");
    }
}
