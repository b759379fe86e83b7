package org.warplab.ui.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.warplab.edit.ChangeSettings;
import org.warplab.edit.Edit;
import org.warplab.edit.ReplaceLink;
import org.warplab.edit.ReplaceNode;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.EthernetSwitch;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.MacAddress;
import org.warplab.model.Node;
import org.warplab.model.Router;
import org.warplab.model.RouterFunction;
import org.warplab.model.RouterRole;
import org.warplab.model.StorageKind;
import org.warplab.model.Testbed;
import org.warplab.model.Vm;
import org.warplab.model.VmRuntime;
import org.warplab.ui.common.Parse;
import org.warplab.model.Units;

/** The inspector's fields for a node, a link, or (with nothing selected) the lab itself. */
final class InspectorFields {

    private InspectorFields() {
    }

    static List<Field> forLab(Lab lab) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.text("Lab", "Lab name", "The lab's title, shown in the window and in reports", lab.name(),
                text -> {
                    if (text.isBlank()) {
                        throw new IllegalArgumentException("a lab needs a name");
                    }
                    return ChangeSettings.between("Rename lab", lab, lab.withNameAndDescription(text, lab.description()));
                }));
        fields.add(Field.lines("Lab", "Description", "What the lab teaches or shows", lab.description(),
                text -> ChangeSettings.between("Change description", lab, lab.withNameAndDescription(lab.name(), text))));
        fields.add(Field.text("Lab", "Run duration (ms)", "How long a run lasts, in virtual time", Units.msExact(lab.durationNs()),
                text -> {
                    long ns = Parse.millisToNs(text, "run duration");
                    if (ns <= 0) {
                        throw new IllegalArgumentException("a run must last longer than 0 ms");
                    }
                    return ChangeSettings.between("Change run duration", lab, lab.withDurationNs(ns));
                }));
        fields.add(Field.choice("Lab", "Testbed", "The platform the lab runs on: the overheads its hypervisor, capture tool and daemons add "
                        + "to the emulator's model, each with its source (docs/fidelity.md). Now: " + lab.testbed().description(),
                lab.testbed().key(), Parse.keys(Testbed.class),
                text -> ChangeSettings.between("Change testbed", lab, lab.withTestbed(Parse.key(Testbed.class, text)))));
        fields.add(Field.readOnly("Lab", "Overheads", lab.testbed().overheads().isEmpty()
                        ? "The ideal testbed adds nothing: the emulator's own model"
                        : "What " + lab.testbed().key() + " sets, drawn afresh in every run (the rest is the emulator's own): "
                                + lab.testbed().overheads().stream().map(v -> v.overhead().label() + ": " + v.spread().describe() + " (" + v.source().kind().label()
                                        + ")").collect(Collectors.joining("; ")),
                lab.testbed().overheads().isEmpty() ? "none"
                        : lab.testbed().overheads().stream().map(v -> v.spread().describe().split(",")[0] + " " + v.overhead().label())
                                .collect(Collectors.joining("; "))));
        return fields;
    }

    static List<Field> forNode(Lab lab, Node node) {
        List<Field> fields = new ArrayList<>();
        String category = node.kind().label().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + node.kind().label().substring(1);
        fields.add(Field.readOnly(category, "Id", "The element's id: stable, used by the scheme settings and the plan", node.id()));
        fields.add(Field.text(category, "Name", "The name drawn on the canvas (double-click a node to rename it in place)",
                node.name(), text -> {
                    if (text.isBlank()) {
                        throw new IllegalArgumentException("a name cannot be empty");
                    }
                    return new ReplaceNode("Rename " + node.id(), node, node.withName(text));
                }));
        if (node instanceof DataCenter dc) {
            dataCenter(fields, category, dc);
        } else if (node instanceof Vm vm) {
            vm(fields, lab, category, vm);
        } else if (node instanceof Router router) {
            fields.add(Field.choice(category, "Role", "Where the router sits: at a data center, inside the WAN, or at a client site",
                    router.role().key(), Parse.keys(RouterRole.class), text -> new ReplaceNode("Change role of " + router.id(),
                            router, new Router(router.id(), router.name(), router.position(), Parse.key(RouterRole.class, text)))));
            String functions = lab.functionsOf(router.id()).stream().map(InspectorFields::functionLabel).collect(Collectors.joining(", "));
            fields.add(Field.readOnly(category, "Function", "What the router does for the scheme in use (set in the Scheme tab)",
                    functions.isEmpty() ? "forwarding only" : functions));
        } else if (node instanceof Client client) {
            fields.add(Field.text(category, "Addresses", "The client's addresses with the site prefix length, e.g. 10.1.0.10/24",
                    Parse.join(client.addresses()), text -> new ReplaceNode("Change addresses of " + client.id(), client,
                            new Client(client.id(), client.name(), client.position(), Parse.list(text, InterfaceAddress::parse), client.gateways()))));
            fields.add(Field.text(category, "Gateways", "The client-edge router's addresses on this site",
                    Parse.join(client.gateways()), text -> new ReplaceNode("Change gateways of " + client.id(), client,
                            new Client(client.id(), client.name(), client.position(), client.addresses(), Parse.list(text, IpAddress::parse)))));
        } else if (node instanceof EthernetSwitch) {
            fields.add(Field.readOnly(category, "Links", "The links that meet at this switch",
                    Parse.join(lab.linksOf(node.id()).stream().map(Link::id).toList())));
        }
        return fields;
    }

    static String functionLabel(RouterFunction f) {
        return switch (f) {
            case TRANSLATOR -> "translator";
            case HOME_AGENT -> "home agent";
            case SEGMENT_ENDPOINT -> "segment endpoint";
        };
    }

    private static void dataCenter(List<Field> fields, String category, DataCenter dc) {
        Function<Function<String, DataCenter>, Function<String, Edit>> change = maker -> text -> new ReplaceNode(
                "Change " + dc.id(), dc, maker.apply(text));
        fields.add(Field.text(category, "LAN prefixes", "The server LAN's prefixes (the paper's S), e.g. 172.16.0.0/16",
                Parse.join(dc.lanPrefixes()), change.apply(text -> new DataCenter(dc.id(), dc.name(), dc.position(),
                        Parse.list(text, IpPrefix::parse), dc.gatewayAddresses(), dc.gatewayMac(), dc.storage(), dc.capturesAnnouncements()))));
        fields.add(Field.text(category, "Gateway addresses", "The default gateway its VMs use; under network paging both data centers share it",
                Parse.join(dc.gatewayAddresses()), change.apply(text -> new DataCenter(dc.id(), dc.name(), dc.position(),
                        dc.lanPrefixes(), Parse.list(text, IpAddress::parse), dc.gatewayMac(), dc.storage(), dc.capturesAnnouncements()))));
        fields.add(Field.text(category, "Gateway MAC", "The gateway's MAC; a moved VM keeps using the old one, so share it between sites",
                dc.gatewayMac().toString(), change.apply(text -> new DataCenter(dc.id(), dc.name(), dc.position(),
                        dc.lanPrefixes(), dc.gatewayAddresses(), MacAddress.parse(text), dc.storage(), dc.capturesAnnouncements()))));
        fields.add(Field.choice(category, "Storage", "Shared storage lets a VM move without copying its disk",
                dc.storage().key(), Parse.keys(StorageKind.class), change.apply(text -> new DataCenter(dc.id(), dc.name(), dc.position(),
                        dc.lanPrefixes(), dc.gatewayAddresses(), dc.gatewayMac(), Parse.key(StorageKind.class, text), dc.capturesAnnouncements()))));
        fields.add(Field.flag(category, "Captures announcements", "A capture program on this LAN watches for RARP/GARP from arriving VMs",
                dc.capturesAnnouncements(), change.apply(text -> new DataCenter(dc.id(), dc.name(), dc.position(),
                        dc.lanPrefixes(), dc.gatewayAddresses(), dc.gatewayMac(), dc.storage(), Boolean.parseBoolean(text)))));
    }

    private static void vm(List<Field> fields, Lab lab, String category, Vm vm) {
        Function<Function<String, Vm>, Function<String, Edit>> change = maker -> text -> new ReplaceNode(
                "Change " + vm.id(), vm, maker.apply(text));
        fields.add(Field.choice(category, "Data center", "Where the VM starts (drag it onto another data center to move it there)",
                vm.dataCenter(), lab.dataCenters().stream().map(DataCenter::id).toList(), change.apply(vm::inDataCenter)));
        fields.add(Field.text(category, "Addresses", "The VM's addresses, kept when it moves (it warps)", Parse.join(vm.addresses()),
                change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), Parse.list(text, IpAddress::parse),
                        vm.mac(), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime()))));
        fields.add(Field.text(category, "MAC", "The VM's MAC, kept when it moves", vm.mac().toString(),
                change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(),
                        MacAddress.parse(text), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime()))));
        fields.add(Field.text(category, "Memory (MiB)", "Guest memory: what pre-copy moves", Integer.toString(vm.memoryMiB()),
                change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(),
                        (int) Parse.integer(text, "memory", 16, 1_048_576), vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime()))));
        fields.add(Field.text(category, "Disk (GiB)", "The disk image, copied when storage is not shared", Integer.toString(vm.diskGiB()),
                change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(),
                        vm.memoryMiB(), (int) Parse.integer(text, "disk", 0, 65_536), vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime()))));
        fields.add(Field.text(category, "Dirty pages per second", "How fast the guest rewrites memory pages (4 KiB) during pre-copy",
                Long.toString(vm.dirtyPagesPerSecond()), change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(),
                        vm.addresses(), vm.mac(), vm.memoryMiB(), vm.diskGiB(), Parse.integer(text, "dirty rate", 0, 100_000_000),
                        vm.announce(), vm.runtime()))));
        fields.add(Field.choice(category, "Announce", "How the hypervisor announces the VM after the move: RARP (QEMU, VMware) or gratuitous ARP (Xen)",
                vm.announce().key(), Parse.keys(AnnounceKind.class), change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(),
                        vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(),
                        Parse.key(AnnounceKind.class, text), vm.runtime()))));
        fields.add(Field.choice(category, "Runtime", "In a live run: a network namespace standing in for the VM, or a real QEMU guest",
                vm.runtime().key(), Parse.keys(VmRuntime.class), change.apply(text -> new Vm(vm.id(), vm.name(), vm.position(),
                        vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(), vm.diskGiB(), vm.dirtyPagesPerSecond(), vm.announce(),
                        Parse.key(VmRuntime.class, text)))));
    }

    static List<Field> forLink(Lab lab, Link link) {
        List<Field> fields = new ArrayList<>();
        String category = switch (link.kind()) {
            case WAN -> "WAN link";
            case LAN -> "LAN link";
            case MANAGEMENT -> "Management link";
        };
        Function<Function<String, Link>, Function<String, Edit>> change = maker -> text -> new ReplaceLink(
                "Change " + link.id(), link, maker.apply(text));
        fields.add(Field.readOnly(category, "Id", "The link's id", link.id()));
        fields.add(Field.readOnly(category, "Ends", "The two nodes it joins; the kind follows from them",
                link.a() + " — " + link.b() + " (" + link.kind().key() + ")"));
        fields.add(Field.text(category, "Delay (ms)", "One-way propagation delay", Units.msExact(link.delayNs()),
                change.apply(text -> link.withDelayNs(Parse.millisToNs(text, "delay")))));
        fields.add(Field.text(category, "Jitter (ms)", "Random variation added to the delay", Units.msExact(link.jitterNs()),
                change.apply(text -> link.withJitterNs(Parse.millisToNs(text, "jitter")))));
        fields.add(Field.text(category, "Bandwidth (Mbit/s)", "Link rate; 0 means unlimited", Units.mbpsExact(link.bandwidthBps()),
                change.apply(text -> link.withBandwidthBps(Parse.mbpsToBps(text, "bandwidth")))));
        fields.add(Field.text(category, "Loss (%)", "Share of frames dropped at random", stripZeros(link.lossPercent()),
                change.apply(text -> link.withLossPercent(Parse.percent(text, "loss")))));
        fields.add(Field.text(category, "MTU", "Largest IP packet the link carries (576 to 9216; 1280 at least for IPv6)",
                Integer.toString(link.mtu()), change.apply(text -> link.withMtu((int) Parse.integer(text, "MTU", 576, 9216)))));
        fields.add(Field.text(category, "Cost", "Routing metric of the link", Integer.toString(link.cost()),
                change.apply(text -> link.withCost((int) Parse.integer(text, "cost", 1, 65_535)))));
        if (link.kind() != LinkKind.LAN) {
            fields.add(Field.text(category, "Addresses at " + link.a(), "Interface addresses on " + link.a() + "'s end, e.g. 10.0.1.1/30",
                    Parse.join(link.aAddresses()), change.apply(text -> new Link(link.id(), link.a(), link.b(), link.kind(), link.delayNs(),
                            link.jitterNs(), link.bandwidthBps(), link.lossPercent(), link.mtu(), link.cost(),
                            Parse.list(text, InterfaceAddress::parse), link.bAddresses()))));
            fields.add(Field.text(category, "Addresses at " + link.b(), "Interface addresses on " + link.b() + "'s end, e.g. 10.0.1.2/30",
                    Parse.join(link.bAddresses()), change.apply(text -> new Link(link.id(), link.a(), link.b(), link.kind(), link.delayNs(),
                            link.jitterNs(), link.bandwidthBps(), link.lossPercent(), link.mtu(), link.cost(), link.aAddresses(),
                            Parse.list(text, InterfaceAddress::parse)))));
        }
        return fields;
    }

    static String stripZeros(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
