package org.warplab.model.lesson;

import java.util.Objects;

/**
 * A story step named the stable way: the migration and the step's kind key ({@code rule-switched},
 * {@code resumed}, ...; see {@code run.story.StepKind}); the first step of that kind is meant.
 */
public record StoryStop(String migration, String step) {
    public StoryStop {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(step, "step");
    }
}
