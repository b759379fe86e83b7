package org.warplab.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Vm;

/**
 * A copied part of a lab: nodes (with the VMs of copied data centers) and the links between them.
 * Pasting gives every element a fresh id, moves it by an offset, and keeps addresses as they were
 * (the Problems tab then shows the duplicates to change).
 */
public record Snippet(List<Node> nodes, List<Link> links) {

    public Snippet {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public static Snippet copy(Lab lab, Set<String> ids) {
        Set<String> nodeIds = lab.nodesWithTheirVms(ids);
        List<Node> nodes = lab.nodes().stream().filter(n -> nodeIds.contains(n.id())).toList();
        List<Link> links = lab.links().stream().filter(l -> nodeIds.contains(l.a()) && nodeIds.contains(l.b())).toList();
        return new Snippet(nodes, links);
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** The edit that adds a copy of this snippet to {@code lab}, moved by (dx, dy). */
    public AddElements pasteInto(Lab lab, double dx, double dy, String name) {
        Map<String, String> ids = new HashMap<>();
        Lab scratch = lab;
        List<Node> pasted = new ArrayList<>();
        for (Node node : nodes) {
            String prefix = node.id().replaceAll("[0-9]+$", "");
            String id = scratch.freshId(prefix.isEmpty() ? "N" : prefix);
            ids.put(node.id(), id);
            Node copy = renamed(node, id).withPosition(node.position().translate(dx, dy));
            pasted.add(copy);
            scratch = scratch.withNodes(append(scratch.nodes(), copy));
        }
        List<Node> remapped = new ArrayList<>();
        for (Node node : pasted) {
            if (node instanceof Vm vm && ids.containsKey(vm.dataCenter())) {
                remapped.add(vm.inDataCenter(ids.get(vm.dataCenter())));
            } else {
                remapped.add(node);
            }
        }
        List<Link> pastedLinks = new ArrayList<>();
        for (Link link : links) {
            String id = scratch.freshId(link.id().replaceAll("[0-9]+$", ""));
            Link copy = new Link(id, ids.get(link.a()), ids.get(link.b()), link.kind(), link.delayNs(), link.jitterNs(),
                    link.bandwidthBps(), link.lossPercent(), link.mtu(), link.cost(), link.aAddresses(), link.bAddresses());
            pastedLinks.add(copy);
            scratch = scratch.withLinks(append(scratch.links(), copy));
        }
        return new AddElements(name, remapped, pastedLinks);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** {@code node} under a new id; its name follows when it was the id. */
    private static Node renamed(Node node, String id) {
        String name = node.name().equals(node.id()) ? id : node.name() + " (copy)";
        if (node instanceof org.warplab.model.DataCenter dc) {
            return new org.warplab.model.DataCenter(id, name, dc.position(), dc.lanPrefixes(), dc.gatewayAddresses(), dc.gatewayMac(),
                    dc.storage(), dc.capturesAnnouncements());
        }
        if (node instanceof Vm vm) {
            return new Vm(id, name, vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(), vm.diskGiB(),
                    vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime());
        }
        if (node instanceof org.warplab.model.Router r) {
            return new org.warplab.model.Router(id, name, r.position(), r.role());
        }
        if (node instanceof org.warplab.model.Client c) {
            return new org.warplab.model.Client(id, name, c.position(), c.addresses(), c.gateways());
        }
        return new org.warplab.model.EthernetSwitch(id, name, node.position());
    }
}
