package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.testing.Samples;

/**
 * Every option with a range refuses a value outside it before doing any work: exit 2, one line
 * naming the command, the option, what it takes and what it got, and never a stack trace.
 */
class OptionRangesTest {

    private static final String LAB = Samples.file("paging-paper").toString();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(new String[] {"check", LAB, "--time-cap-ms", "0"}, "--time-cap-ms 0 must be between 1 and 86400000 (a day)"),
                Arguments.of(new String[] {"compare", LAB, "--jobs", "0"}, "--jobs 0 must be between 1 and 1024"),
                Arguments.of(new String[] {"compare", LAB, "--jobs", "1025"}, "--jobs 1025 must be between 1 and 1024"),
                Arguments.of(new String[] {"reproduce", "paper-999"}, "'paper-999' is not a paper; choose paper-000 or paper-003"),
                Arguments.of(new String[] {"reproduce", "paper-000", "--runs", "1"}, "--runs takes 2 to 10000 (a σ needs two runs at least)"),
                Arguments.of(new String[] {"fuzz", "--minutes", "0"}, "--minutes takes a positive number up to a week (10080)"),
                Arguments.of(new String[] {"configs", LAB, "-o", "unused", "--state", "sideways"}, "--state takes before, after or both, got 'sideways'"),
                Arguments.of(new String[] {"configs", LAB, "-o", "unused", "--namespace-prefix", "a b"},
                        "--namespace-prefix takes letters, digits, '.', '-' and '_' (at most 32), got 'a b'"),
                Arguments.of(new String[] {"configs", LAB}, "say where to write with -o DIR"),
                Arguments.of(new String[] {"story", LAB, "--gif", "unused.gif", "--size", "12"},
                        "--size takes WIDTHxHEIGHT in pixels, e.g. 1280x720, got '12'"),
                Arguments.of(new String[] {"story", LAB, "--size", "640x480"}, "--size is the size of the pictures of --gif or --pngs; name one of them"),
                Arguments.of(new String[] {"bench", "--flows", "1"}, "--flows takes 4..1000000 and --duration-ms a positive number"),
                // 0 is the default (no repeat), and must not reach a live run here: only values that are refused
                Arguments.of(new String[] {"live", "run", LAB, "--repeat", "201"}, "--repeat takes 0 (no repeat) to 200 moves, got 201"),
                Arguments.of(new String[] {"live", "run", LAB, "--repeat", "-1"}, "--repeat takes 0 (no repeat) to 200 moves, got -1"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aValueOutsideTheRangeIsRefusedInOneLine(String[] argv, String message) {
        CliTest.Run run = CliTest.run(argv);
        assertEquals(2, run.exit(), run.err());
        assertEquals("warplab " + commandOf(argv) + ": " + message + "\n", run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace");
        assertTrue(run.out().isEmpty(), "nothing done: " + run.out());
    }

    private static String commandOf(String[] argv) {
        return argv[0].equals("live") ? "live " + argv[1] : argv[0];
    }
}
