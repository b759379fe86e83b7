package org.warplab.model.lesson;

import java.util.List;
import java.util.Objects;

/** A question a lesson step asks before the run shows the answer. */
public sealed interface Question permits Question.Choice, Question.Prediction {

    String prompt();

    /** Multiple choice; {@code answer} is the index of the right option. */
    record Choice(String prompt, List<String> options, int answer) implements Question {
        public Choice {
            Objects.requireNonNull(prompt, "prompt");
            options = List.copyOf(options);
        }
    }

    /**
     * "Predict the client gap in ms": the right answer is the run's own figure, and a guess within
     * {@code tolerance} (in the figure's unit, ms) of it counts.
     */
    record Prediction(String prompt, String migration, Figure figure, double tolerance) implements Question {
        public Prediction {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(figure, "figure");
        }
    }
}
