package org.warplab.model.lesson;

import java.util.List;
import java.util.Objects;

/**
 * A lesson carried by a lab: what the class should learn, the steps a teacher walks through beside
 * the network, and the goals a student's lab must reach (the exercise the lab carries itself).
 */
public record Lesson(String title, List<String> objectives, List<LessonStep> steps, List<Goal> goals) {
    public Lesson {
        Objects.requireNonNull(title, "title");
        objectives = List.copyOf(objectives);
        steps = List.copyOf(steps);
        goals = List.copyOf(goals);
    }

    public Lesson withSteps(List<LessonStep> steps) {
        return new Lesson(title, objectives, steps, goals);
    }

    public Lesson withGoals(List<Goal> goals) {
        return new Lesson(title, objectives, steps, goals);
    }
}
