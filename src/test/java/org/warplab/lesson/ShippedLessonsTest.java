package org.warplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.io.ExerciseFiles;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.lesson.Exercise;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.run.RunOutcome;
import org.warplab.run.story.Story;
import org.warplab.testing.Samples;

/** The five lessons in {@code lessons/}: each walks to the end, its solution passes, its starting lab fails as intended. */
class ShippedLessonsTest {

    /** Lesson → the goals its starting lab must fail (by index) and a phrase of each reason. */
    static final Map<String, Map<Integer, String>> INTENDED_FAILURES = Map.of(
            "address-warping", Map.of(0, "choose Network paging", 1, "no echo came back from 172.16.10.2"),
            "network-paging", Map.of(4, "gateway MAC of 'ADC'"),
            "mipv6-distance", Map.of(1, "over the bound of 2500.0 ms"),
            "tenants", Map.of(0, "share VNI 5001", 1, "share VNI 5001", 2, "share VNI 5001"),
            "no-shared-storage", Map.of(1, "over the bound of 200000.0 ms"));

    static List<String> lessons() {
        return INTENDED_FAILURES.keySet().stream().sorted().toList();
    }

    private static Path dir(String lesson) {
        return Samples.projectDir().resolve("lessons").resolve(lesson);
    }

    private static Exercise exercise(String lesson) throws Exception {
        return ExerciseFiles.load(dir(lesson).resolve(lesson + ".exercise.json"));
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theReferenceSolutionPassesEveryGoal(String lesson) throws Exception {
        Lab solution = LabFiles.load(dir(lesson).resolve("solution.warplab.json")).lab();
        ExerciseCheck.Report report = ExerciseCheck.check(solution, exercise(lesson), new EmulatedRuntime(), 600_000);
        assertTrue(report.allPassed(), report.results().stream().map(GoalResult::line).toList().toString());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void theStartingLabFailsExactlyTheIntendedGoals(String lesson) throws Exception {
        Lab start = LabFiles.load(dir(lesson).resolve("start.warplab.json")).lab();
        ExerciseCheck.Report report = ExerciseCheck.check(start, exercise(lesson), new EmulatedRuntime(), 600_000);
        Map<Integer, String> intended = INTENDED_FAILURES.get(lesson);
        List<Integer> failed = IntStream.range(0, report.results().size()).filter(i -> !report.results().get(i).passed()).boxed().toList();
        assertEquals(intended.keySet().stream().sorted().toList(), failed, report.results().stream().map(GoalResult::line).toList().toString());
        intended.forEach((goal, reason) -> assertTrue(report.results().get(goal).why().contains(reason), report.results().get(goal).line()));
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyLessonLoadsAndWalksToTheEnd(String lesson) throws Exception {
        Lab start = LabFiles.load(dir(lesson).resolve("start.warplab.json")).lab();
        Lab solution = LabFiles.load(dir(lesson).resolve("solution.warplab.json")).lab();
        assertEquals(start.lesson(), solution.lesson(), "the student's lab and the solution carry the same lesson");
        assertEquals(exercise(lesson).goals(), start.lesson().orElseThrow().goals(), "the lab's goals are the exercise's");
        assertEquals(List.of(), LessonChecks.problems(start));
        for (String file : List.of("start.warplab.json", "solution.warplab.json")) {
            String text = Files.readString(dir(lesson).resolve(file));
            assertEquals(text, LabFiles.toJson(LabFiles.parse(Path.of(file), text).lab()), file + " is canonical");
        }
        String exerciseText = Files.readString(dir(lesson).resolve(lesson + ".exercise.json"));
        assertEquals(exerciseText, ExerciseFiles.toJson(exercise(lesson)), "the exercise file is canonical");

        // the class walks the lesson on the lab it opens; a starting lab that cannot run (tenants) is walked on the solution
        Lab walked = LabValidator.hasErrors(LabValidator.validate(start)) ? solution : start;
        RunOutcome run = new EmulatedRuntime().run(walked, ExerciseCheck.SEED, p -> { });
        Story story = Story.of(run.result(), run.trace());
        LessonWalk walk = new LessonWalk(walked.lesson().orElseThrow());
        int stepsWalked = 1;
        while (true) {
            LessonStep step = walk.current();
            assertFalse(step.text().isBlank());
            if (step.stop().isPresent()) {
                assertTrue(walk.stop(story).isPresent(), lesson + " " + walk.position() + ": the run's story has no step " + step.stop().get());
                assertEquals(Optional.of(step.text()), LessonWalk.captionAt(walk.lesson(), walk.stop(story).get()),
                        "the run view's caption source shows the lesson's words at that story step");
            }
            if (step.question().isPresent()) {
                LessonWalk.Verdict verdict = step.question().get() instanceof Question.Choice c ? walk.answerChoice(c.answer(), run)
                        : walk.answerNumber(measuredMs(walk, run), run);
                assertTrue(verdict.correct(), verdict.feedback());
                assertFalse(verdict.feedback().contains("{"), "every placeholder is filled: " + verdict.feedback());
            }
            if (walk.atEnd()) {
                break;
            }
            walk.next();
            stepsWalked++;
        }
        assertEquals(solution.lesson().get().steps().size(), stepsWalked);
    }

    private static double measuredMs(LessonWalk walk, RunOutcome run) {
        Question.Prediction p = (Question.Prediction) walk.current().question().orElseThrow();
        return Figures.value(p.figure(), Figures.migration(run.result(), Optional.of(p.migration())).orElseThrow()).orElseThrow() / 1e6;
    }
}
