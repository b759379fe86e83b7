package org.warplab.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Migration;
import org.warplab.model.Node;
import org.warplab.model.ProbeFlow;

/**
 * Deletes nodes and links, and what cannot live without them: the links of a deleted node, the VMs
 * of a deleted data center, the migrations and probes that name a deleted node. Undo puts every
 * element back where it was in its list.
 */
public final class RemoveElements implements Edit {

    private record Indexed<T>(int index, T element) {
    }

    private final String name;
    private final List<Indexed<Node>> nodes = new ArrayList<>();
    private final List<Indexed<Link>> links = new ArrayList<>();
    private final List<Indexed<Migration>> migrations = new ArrayList<>();
    private final List<Indexed<ProbeFlow>> traffic = new ArrayList<>();

    /** Plans the removal of {@code ids} (nodes or links) from {@code lab}. */
    public RemoveElements(Lab lab, Collection<String> ids) {
        Set<String> doomedNodes = lab.nodesWithTheirVms(ids);
        collect(lab.nodes(), n -> doomedNodes.contains(n.id()), nodes);
        collect(lab.links(), l -> ids.contains(l.id()) || doomedNodes.contains(l.a()) || doomedNodes.contains(l.b()), links);
        collect(lab.migrations(), m -> doomedNodes.contains(m.vm()) || doomedNodes.contains(m.to()), migrations);
        collect(lab.traffic(), f -> doomedNodes.contains(f.client()) || doomedNodes.contains(f.vm()), traffic);
        int count = nodes.size() + links.size();
        this.name = count == 1 ? "Delete " + (nodes.isEmpty() ? links.get(0).element().id() : nodes.get(0).element().id())
                : "Delete " + count + " elements";
    }

    private static <T> void collect(List<T> all, Predicate<T> doomed, List<Indexed<T>> into) {
        for (int i = 0; i < all.size(); i++) {
            if (doomed.test(all.get(i))) {
                into.add(new Indexed<>(i, all.get(i)));
            }
        }
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && links.isEmpty();
    }

    /** The ids of the nodes and links this edit deletes. */
    public Set<String> removedIds() {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.element().id()));
        links.forEach(l -> ids.add(l.element().id()));
        return ids;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lab apply(Lab lab) {
        return lab.withNodes(without(lab.nodes(), nodes)).withLinks(without(lab.links(), links))
                .withMigrations(without(lab.migrations(), migrations)).withTraffic(without(lab.traffic(), traffic));
    }

    @Override
    public Lab undo(Lab lab) {
        return lab.withNodes(with(lab.nodes(), nodes)).withLinks(with(lab.links(), links))
                .withMigrations(with(lab.migrations(), migrations)).withTraffic(with(lab.traffic(), traffic));
    }

    private static <T> List<T> without(List<T> all, List<Indexed<T>> removed) {
        List<T> out = new ArrayList<>(all);
        for (Indexed<T> r : removed) {
            out.remove(r.element());
        }
        return out;
    }

    private static <T> List<T> with(List<T> all, List<Indexed<T>> removed) {
        List<T> out = new ArrayList<>(all);
        for (Indexed<T> r : removed) {
            out.add(Math.min(r.index(), out.size()), r.element());
        }
        return out;
    }
}
