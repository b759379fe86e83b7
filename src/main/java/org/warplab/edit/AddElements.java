package org.warplab.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;

/** Adds nodes and links at the end of the lab's lists: a drop from the palette, a connection, a paste. */
public record AddElements(String name, List<Node> nodes, List<Link> links) implements Edit {

    public AddElements {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    @Override
    public Lab apply(Lab lab) {
        for (Node node : nodes) {
            if (lab.hasId(node.id())) {
                throw new IllegalStateException("id " + node.id() + " is already used");
            }
        }
        List<Node> allNodes = new ArrayList<>(lab.nodes());
        allNodes.addAll(nodes);
        List<Link> allLinks = new ArrayList<>(lab.links());
        allLinks.addAll(links);
        return lab.withNodes(allNodes).withLinks(allLinks);
    }

    @Override
    public Lab undo(Lab lab) {
        Set<String> nodeIds = nodes.stream().map(Node::id).collect(Collectors.toSet());
        Set<String> linkIds = links.stream().map(Link::id).collect(Collectors.toSet());
        return lab.withNodes(lab.nodes().stream().filter(n -> !nodeIds.contains(n.id())).toList())
                .withLinks(lab.links().stream().filter(l -> !linkIds.contains(l.id())).toList());
    }
}
