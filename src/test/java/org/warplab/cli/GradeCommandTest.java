package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Samples;

/** {@code warplab check} and {@code warplab grade} on the shipped network-paging lesson and a class folder of every kind of file. */
class GradeCommandTest {

    private static final Path LESSON = Samples.projectDir().resolve("lessons/network-paging");
    private static final String EXERCISE = LESSON.resolve("network-paging.exercise.json").toString();

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkExitsZeroOneOrTwo() {
        Result good = run("check", LESSON.resolve("solution.warplab.json").toString(), "--exercise", EXERCISE);
        assertEquals(0, good.code(), good.out() + good.err());
        assertTrue(good.out().lines().limit(4).allMatch(l -> l.startsWith("PASS ")), good.out());
        Result bad = run("check", LESSON.resolve("start.warplab.json").toString(), "--exercise", EXERCISE);
        assertEquals(1, bad.code(), bad.out() + bad.err());
        assertTrue(bad.out().contains("FAIL "), bad.out());
        Result unreadable = run("check", "no-such.warplab.json", "--exercise", EXERCISE);
        assertEquals(2, unreadable.code());
        assertTrue(unreadable.err().contains("no such file"), unreadable.err());
        Result ownGoals = run("check", LESSON.resolve("solution.warplab.json").toString());
        assertEquals(0, ownGoals.code(), "without --exercise the lab's own lesson goals apply: " + ownGoals.out() + ownGoals.err());
    }

    @Test
    void gradeWritesOneRowPerLabAndNeverStops(@TempDir Path dir) throws Exception {
        Path klass = Files.createDirectories(dir.resolve("class"));
        Files.copy(LESSON.resolve("solution.warplab.json"), klass.resolve("alice.warplab.json"));
        Files.copy(LESSON.resolve("start.warplab.json"), klass.resolve("bob.warplab.json"));
        String good = Files.readString(LESSON.resolve("solution.warplab.json"));
        Files.writeString(klass.resolve("carol.warplab.json"), good.replace("\"b\": \"R3\"", "\"b\": \"R9\""));
        Files.writeString(klass.resolve("dave.warplab.json"), good.substring(0, good.length() / 2));
        Files.writeString(klass.resolve("erin.warplab.json"), good.replace("\"description\": \"", "\"description\": \"" + "x".repeat(300_000)));
        Files.writeString(klass.resolve("=cmd.warplab.json"), "{\"formatVersion\": 1e999999999}");
        Files.createDirectories(klass.resolve("frank.warplab.json"));
        Files.writeString(klass.resolve("notes.txt"), "not a lab, not graded");
        Path csv = dir.resolve("grades.csv");

        Result result = run("grade", klass.toString(), "--exercise", EXERCISE, "-o", csv.toString(), "--max-bytes", "200000", "--jobs", "2");

        assertEquals(0, result.code(), result.out() + result.err());
        assertTrue(result.out().startsWith("graded 7 lab(s) in "), result.out());
        assertTrue(result.err().contains("graded 7/7"), "a progress line: " + result.err());
        String expected = Files.readString(Samples.projectDir().resolve("src/test/resources/golden/grade/network-paging.csv"))
                .replace("TMP", klass.toString());
        assertEquals(expected, Files.readString(csv));
        Path serial = dir.resolve("serial.csv");
        run("grade", klass.toString(), "--exercise", EXERCISE, "-o", serial.toString(), "--max-bytes", "200000", "--jobs", "1");
        assertEquals(Files.readString(csv), Files.readString(serial), "the sheet does not depend on how many labs run at once");
    }

    @Test
    void gradeRefusesWhatItCannotUse(@TempDir Path dir) {
        assertEquals(2, run("grade", dir.toString(), "-o", dir.resolve("g.csv").toString()).code(), "no exercise");
        assertEquals(2, run("grade", dir.resolve("none").toString(), "--exercise", EXERCISE, "-o", dir.resolve("g.csv").toString()).code());
        assertEquals(2, run("grade", dir.toString(), "--exercise", EXERCISE).code(), "no output");
    }
}
