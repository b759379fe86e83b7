package org.warplab.model.lesson;

import java.util.List;
import java.util.Objects;

/** The goals a class's labs are graded on, from an {@code *.exercise.json} file or a lab's own lesson. */
public record Exercise(String title, String description, List<Goal> goals) {
    public Exercise {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        goals = List.copyOf(goals);
    }
}
