package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;
import org.warplab.model.Link;

/** Replaces one link by a changed copy (same id): another delay, bandwidth, address. */
public record ReplaceLink(String name, Link before, Link after) implements Edit {

    public ReplaceLink {
        Objects.requireNonNull(name, "name");
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("a link keeps its id: " + before.id() + " vs " + after.id());
        }
    }

    @Override
    public Lab apply(Lab lab) {
        return lab.replacingLink(after);
    }

    @Override
    public Lab undo(Lab lab) {
        return lab.replacingLink(before);
    }
}
