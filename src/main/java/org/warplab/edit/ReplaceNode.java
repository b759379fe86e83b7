package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;
import org.warplab.model.Node;

/** Replaces one node by a changed copy (same id): a rename, a new prefix, another MAC. */
public record ReplaceNode(String name, Node before, Node after) implements Replacement<Node> {

    public ReplaceNode {
        Objects.requireNonNull(name, "name");
        Replacement.requireSameId("node", before.id(), after.id());
    }

    @Override
    public Lab with(Lab lab, Node node) {
        return lab.replacingNode(node);
    }
}
