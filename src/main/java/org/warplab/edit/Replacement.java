package org.warplab.edit;

import org.warplab.model.Lab;

/**
 * An edit that puts one value of the lab in place of another: {@link #apply} puts {@link #after} in,
 * {@link #undo} puts {@link #before} back. An implementation says only where the value goes.
 */
public interface Replacement<T> extends Edit {

    T before();

    T after();

    /** {@code lab} with {@code value} in the place this edit changes. */
    Lab with(Lab lab, T value);

    @Override
    default Lab apply(Lab lab) {
        return with(lab, after());
    }

    @Override
    default Lab undo(Lab lab) {
        return with(lab, before());
    }

    /** Refuses a replacement that would change an element's id ({@code kind}: "link", "node"): references to it would break. */
    static void requireSameId(String kind, String before, String after) {
        if (!before.equals(after)) {
            throw new IllegalArgumentException("a " + kind + " keeps its id: " + before + " vs " + after);
        }
    }
}
