package org.warplab.model.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.model.SchemeKind;

/** Which migration a lesson step's figures are about, and lessons as values that keep what they were given. */
class LessonStepTest {

    private static final Question PREDICT_M2 = new Question.Prediction("Predict the client gap in ms", "M2", Figure.CLIENT_GAP, 5);
    private static final Question CHOICE = new Question.Choice("Which is faster?", List.of("paging", "routing"), 0);

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("a prediction names its migration", Optional.of(new StoryStop("M1", "switched")), Optional.of(PREDICT_M2), Optional.of("M2")),
                Arguments.of("a choice leaves it to the stop", Optional.of(new StoryStop("M1", "switched")), Optional.of(CHOICE), Optional.of("M1")),
                Arguments.of("a stop alone names its migration", Optional.of(new StoryStop("M3", "resumed")), Optional.empty(), Optional.of("M3")),
                Arguments.of("a prediction without a stop", Optional.empty(), Optional.of(PREDICT_M2), Optional.of("M2")),
                Arguments.of("neither: the lab's first", Optional.empty(), Optional.of(CHOICE), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void theFiguresOfAStepAreAboutThePredictionsElseTheStopsMigration(String what, Optional<StoryStop> stop, Optional<Question> question,
                                                                      Optional<String> migration) {
        assertEquals(migration, new LessonStep("text", List.of(), stop, question, "").migration(), what);
    }

    @Test
    void lessonsKeepACopyOfTheirListsAndCompareByValue() {
        List<String> highlight = new ArrayList<>(List.of("R1"));
        LessonStep step = new LessonStep("Watch R1", highlight, Optional.empty(), Optional.of(CHOICE), "The gap was {client-gap}.");
        highlight.add("R2");
        assertEquals(List.of("R1"), step.highlight());
        assertThrows(UnsupportedOperationException.class, () -> step.highlight().add("R3"));
        List<Goal> goals = new ArrayList<>(List.of(new Goal.SchemeInUse(SchemeKind.NETWORK_PAGING), new Goal.Below(Figure.DOWNTIME, "M1", 300_000_000L)));
        Lesson lesson = new Lesson("Paging", List.of("see the gap"), List.of(step), goals);
        goals.clear();
        assertEquals(2, lesson.goals().size());
        assertEquals(lesson, new Lesson("Paging", List.of("see the gap"), List.of(step), lesson.goals()));
        assertNotEquals(lesson, lesson.withSteps(List.of(LessonStep.text("Watch R1"))));
        assertEquals(List.of(), lesson.withGoals(List.of()).goals());
        assertEquals(LessonStep.text("x"), new LessonStep("x", List.of(), Optional.empty(), Optional.empty(), ""));
        assertThrows(NullPointerException.class, () -> new Question.Prediction("p", null, Figure.DOWNTIME, 1));
    }
}
