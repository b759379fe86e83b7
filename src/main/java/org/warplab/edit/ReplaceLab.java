package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;

/** Replaces the whole lab, e.g. by the unsaved changes restored after a crash. */
public record ReplaceLab(String name, Lab before, Lab after) implements Replacement<Lab> {

    public ReplaceLab {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    @Override
    public Lab with(Lab lab, Lab replacement) {
        return replacement;
    }
}
