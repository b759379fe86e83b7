package org.warplab.edit;

import java.util.Objects;
import java.util.Optional;
import org.warplab.model.Lab;
import org.warplab.model.lesson.Lesson;

/** Replaces the lab's lesson (steps, questions, goals) as one undoable gesture: the lesson editor's Save. */
public record ChangeLesson(Optional<Lesson> before, Optional<Lesson> after) implements Replacement<Optional<Lesson>> {

    public ChangeLesson {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    @Override
    public String name() {
        return after.isEmpty() ? "Remove the lesson" : before.isEmpty() ? "Add a lesson" : "Edit the lesson";
    }

    @Override
    public Lab with(Lab lab, Optional<Lesson> lesson) {
        return lab.withLesson(lesson);
    }
}
