package org.warplab.edit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.warplab.model.Lab;
import org.warplab.model.Node;
import org.warplab.model.Position;

/** Moves nodes from their old positions to new ones: a whole drag is one of these. */
public record MoveNodes(Map<String, Position> from, Map<String, Position> to) implements Edit {

    public MoveNodes {
        from = Map.copyOf(new LinkedHashMap<>(from));
        to = Map.copyOf(new LinkedHashMap<>(to));
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalArgumentException("a move needs the old and new position of the same nodes");
        }
    }

    @Override
    public String name() {
        return from.size() == 1 ? "Move " + from.keySet().iterator().next() : "Move " + from.size() + " nodes";
    }

    @Override
    public Lab apply(Lab lab) {
        return place(lab, to);
    }

    @Override
    public Lab undo(Lab lab) {
        return place(lab, from);
    }

    private static Lab place(Lab lab, Map<String, Position> positions) {
        return lab.withNodes(lab.nodes().stream().map(n -> {
            Position p = positions.get(n.id());
            return p == null ? n : (Node) n.withPosition(p);
        }).toList());
    }
}
