package org.warplab.run.story;

import java.util.List;
import java.util.Objects;

/**
 * One significant moment of a migration, as a reader should see it.
 *
 * @param id stable within a run: {@code MIG1/rule-switched/R3}; a lesson can stop at it
 * @param timeNs when the moment happens (run time); {@code endNs} when what it describes is over
 *               (equal to {@code timeNs} for an instant)
 * @param nodes the nodes to highlight, most important first
 * @param links the links to highlight
 * @param caption what happened, with this run's own figures, addresses and paths
 * @param why the mechanism, in one sentence
 */
public record StoryStep(String id, StepKind kind, String migration, long timeNs, long endNs, List<String> nodes,
                        List<String> links, String caption, String why) {

    public StoryStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        if (endNs < timeNs) {
            throw new IllegalArgumentException("step " + id + " ends before it starts");
        }
    }

    public long durationNs() {
        return endNs - timeNs;
    }
}
