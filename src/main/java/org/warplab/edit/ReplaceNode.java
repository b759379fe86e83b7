package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;
import org.warplab.model.Node;

/** Replaces one node by a changed copy (same id): a rename, a new prefix, another MAC. */
public record ReplaceNode(String name, Node before, Node after) implements Edit {

    public ReplaceNode {
        Objects.requireNonNull(name, "name");
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("a node keeps its id: " + before.id() + " vs " + after.id());
        }
    }

    @Override
    public Lab apply(Lab lab) {
        return lab.replacingNode(after);
    }

    @Override
    public Lab undo(Lab lab) {
        return lab.replacingNode(before);
    }
}
