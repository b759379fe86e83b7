package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.model.lesson.Exercise;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Goal;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.model.lesson.StoryStop;
import org.warplab.testing.Samples;

/** The lesson section of a lab file and {@code *.exercise.json}: round trip, version rules, located errors. */
class LessonFormatTest {

    private static final Path FILE = Path.of("lab.warplab.json");

    static Lesson lesson() {
        return new Lesson("Paging", List.of("see S and S'"), List.of(
                LessonStep.text("A *plain* step with `code`."),
                new LessonStep("Stop and predict.", List.of("R3", "vm1"), Optional.of(new StoryStop("MIG1", "rule-switched")),
                        Optional.of(new Question.Prediction("Predict the gap", "MIG1", Figure.CLIENT_GAP, 12.5)), "It was {client-gap}."),
                new LessonStep("Choose.", List.of(), Optional.empty(), Optional.of(new Question.Choice("Where?", List.of("PDC", "ADC"), 1)), "")),
                List.of(new Goal.Reachable("MIG1"), new Goal.Below(Figure.SWITCHING, "MIG1", 200_500_000L), new Goal.OtherTenantsUntouched(),
                        new Goal.SchemeInUse(SchemeKind.NETWORK_PAGING), new Goal.AtMostRouters(5), new Goal.NoWarnings(),
                        new Goal.ClientEdgeTranslation("vm1")));
    }

    @Test
    void aLessonRoundTripsByteForByte() throws Exception {
        Lab lab = LabFiles.load(Samples.file("paging-paper")).lab().withLesson(Optional.of(lesson()));
        String text = LabFiles.toJson(lab);
        assertTrue(text.contains("\"lesson\": {"), text);
        assertTrue(text.contains("\"maxMs\": 200.5"), "bounds are written in ms as they were typed");
        Lab back = LabFiles.parse(FILE, text).lab();
        assertEquals(lab, back);
        assertEquals(text, LabFiles.toJson(back));
    }

    @Test
    void aLabWithoutALessonIsWrittenAsBefore() throws Exception {
        String text = Files.readString(Samples.file("paging-paper"));
        assertEquals(text, LabFiles.toJson(LabFiles.parse(FILE, text).lab()), "no lesson, no lesson key");
    }

    @Test
    void aLessonInAVersionOneFileIsALocatedError() throws Exception {
        String text = LabFiles.toJson(LabFiles.load(Samples.file("paging-paper")).lab().withLesson(Optional.of(lesson())))
                .replace("\"formatVersion\": 2", "\"formatVersion\": 1");
        LabFileException e = assertThrows(LabFileException.class, () -> LabFiles.parse(FILE, text));
        FileProblem problem = e.problems().stream().filter(p -> p.path().equals("lesson")).findFirst().orElseThrow();
        assertTrue(problem.line() > 1);
        assertTrue(problem.message().contains("exists since format version 2"), problem.message());
    }

    @Test
    void mistakesInALessonAreLocated() throws Exception {
        String text = LabFiles.toJson(LabFiles.load(Samples.file("paging-paper")).lab().withLesson(Optional.of(lesson())))
                .replace("\"answer\": 1", "\"answer\": 7").replace("\"goal\": \"no-warnings\"", "\"goal\": \"no-warning\"");
        LabFileException e = assertThrows(LabFileException.class, () -> LabFiles.parse(FILE, text));
        List<String> where = e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
        assertEquals(List.of("lesson.steps[2].question.answer: answer 7 is not an option's index; the options are numbered 0 to 1",
                "lesson.goals[5].goal: 'no-warning' is not a goal; expected one of: reachable, below, other-tenants-untouched, scheme, "
                        + "at-most-routers, no-warnings, client-edge-translation"), where);
        String[] lines = text.split("\n");
        assertTrue(lines[e.problems().get(0).line() - 1].contains("\"answer\": 7"), "the line is the answer's");
    }

    @Test
    void anExerciseRoundTripsAndItsErrorsAreLocated() throws Exception {
        Exercise exercise = new Exercise("Paging", "make it reachable", lesson().goals());
        String text = ExerciseFiles.toJson(exercise);
        assertEquals(exercise, ExerciseFiles.parse(Path.of("x.exercise.json"), text));
        assertEquals(text, ExerciseFiles.toJson(ExerciseFiles.parse(Path.of("x.exercise.json"), text)));

        String broken = text.replace("\"maxMs\": 200.5", "\"maxMs\": -3");
        LabFileException e = assertThrows(LabFileException.class, () -> ExerciseFiles.parse(Path.of("x.exercise.json"), broken));
        assertEquals("goals[1].maxMs", e.problems().get(0).path());
        assertTrue(text.split("\n")[e.problems().get(0).line() - 1].contains("maxMs"));

        LabFileException newer = assertThrows(LabFileException.class,
                () -> ExerciseFiles.parse(Path.of("x.exercise.json"), text.replace("\"formatVersion\": 2", "\"formatVersion\": 3")));
        assertTrue(newer.problems().get(0).message().contains("newer than this WarpLab reads"));
    }
}
