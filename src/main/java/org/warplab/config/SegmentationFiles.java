package org.warplab.config;

import java.util.List;
import java.util.Optional;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Router;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.SegmentGatewaySite;
import org.warplab.scheme.SegmentationScheme;
import org.warplab.scheme.Sites;

/**
 * Segmentation: one bridge per segment at every endpoint router, joined over the WAN by VXLAN and
 * toward each data center by 802.1Q (or, for kernels without it, a VXLAN over the LAN link's
 * link-local addresses); the tenant gateways on those bridges; policy routing for the clients.
 */
record SegmentationFiles(Lab lab, SegmentationScheme scheme, ConfigOptions options) implements SchemeFiles {
    /** Link-local addresses of the two ends of a data-center LAN link that carries segments over VXLAN. */
    static final String LAN_UNDERLAY_DC = "fe80::1";
    static final String LAN_UNDERLAY_ROUTER = "fe80::2";
    /** Policy-routing tables of segments at client edges: 1000 + segment position. */
    static final int SEGMENT_TABLE_BASE = 1000;

    private boolean overVxlan() {
        return options.segmentTransport() == SegmentTransport.VXLAN;
    }

    /** Segment bridges first: the LAN ports join them. */
    @Override
    public void beforeRouterPorts(Router router, DeviceConfig device) {
        if (!scheme.config().endpoints().contains(router.id())) {
            return;
        }
        Batch ip = device.ip();
        IpAddress local = WanUnderlay.addressOf(lab, router.id()).orElseThrow();
        List<SegmentGatewaySite> gateways = scheme.gateways(lab);
        for (Segmentation.Segment segment : scheme.config().segments()) {
            String br = InterfaceNames.segmentBridge(segment.id());
            String vx = InterfaceNames.vxlan(scheme.vni(segment));
            ip.line("link add " + br + " type bridge");
            List<SegmentGatewaySite> here = gateways.stream().filter(g -> g.segment().equals(segment.name()) && g.router().equals(router.id())).toList();
            if (!here.isEmpty()) {
                DataCenter site = Sites.dataCentersAt(lab, router.id()).get(0);
                ip.line("link set dev " + br + " address " + site.gatewayMac());
            }
            ip.line("link set dev " + br + " up");
            ip.line("link add " + vx + " type vxlan id " + scheme.vni(segment) + " local " + local + " dstport " + ConfigGenerator.VXLAN_PORT);
            ip.line("link set dev " + vx + " master " + br + " up");
            for (String other : scheme.config().endpoints()) {
                if (!other.equals(router.id())) {
                    WanUnderlay.addressOf(lab, other).ifPresent(remote ->
                            device.bridge().line("fdb append 00:00:00:00:00:00 dev " + vx + " dst " + remote + "  # flood to " + other));
                }
            }
            List<IpPrefix> prefixes = scheme.prefixesOf(lab, segment);
            for (SegmentGatewaySite g : here) {
                prefixes.stream().filter(p -> p.contains(g.address())).findFirst().ifPresent(p ->
                        ip.address(new InterfaceAddress(g.address(), p.length()), br));
            }
            clientRouting(router, segment, prefixes, br, ip);
        }
    }

    private void clientRouting(Router router, Segmentation.Segment segment, List<IpPrefix> prefixes, String br, Batch ip) {
        int table = SEGMENT_TABLE_BASE + scheme.config().segments().indexOf(segment);
        boolean clientsHere = false;
        for (Client client : scheme.clientsOf(lab, segment)) {
            Optional<Link> lan = Sites.lanLinkOf(lab, client.id());
            if (lan.isPresent() && lan.get().touches(router.id())) {
                ip.line("rule add iif " + InterfaceNames.linkEnd(lan.get()) + " lookup " + table + " pref " + table
                        + "  # clients of segment " + segment.name());
                clientsHere = true;
            }
        }
        if (clientsHere) {
            for (IpPrefix p : prefixes) {
                ip.line("route add " + p + " dev " + br + " table " + table);
            }
        }
    }

    /** The port toward a data center carries every segment: a VLAN sub-interface, or a LAN VXLAN, per segment. */
    @Override
    public boolean dataCenterPort(Router router, Link link, String dev, DataCenter dc, DeviceConfig device) {
        Batch ip = device.ip();
        ip.line("link set dev " + dev + " mtu " + link.mtu() + " up");
        for (Segmentation.Segment segment : scheme.config().segments()) {
            if (!overVxlan()) {
                String sub = InterfaceNames.vlanSubinterface(dev, scheme.localVlan(segment));
                ip.line("link add link " + dev + " name " + sub + " type vlan id " + scheme.localVlan(segment));
                ip.line("link set dev " + sub + " master " + InterfaceNames.segmentBridge(segment.id()) + " up");
            } else {
                if (scheme.config().segments().indexOf(segment) == 0) {
                    ip.line("address add " + LAN_UNDERLAY_ROUTER + "/64 dev " + dev + " nodad");
                }
                String vx = InterfaceNames.lanVxlan(scheme.vni(segment));
                ip.line("link add " + vx + " type vxlan id " + scheme.vni(segment) + " local " + LAN_UNDERLAY_ROUTER + " remote "
                        + LAN_UNDERLAY_DC + " dev " + dev + " dstport " + ConfigGenerator.LAN_VXLAN_PORT);
                ip.line("link set dev " + vx + " master " + InterfaceNames.segmentBridge(segment.id()) + " up");
            }
        }
        return true;
    }

    @Override
    public boolean dataCenterLan(DataCenter dc, List<Vm> here, Optional<Link> uplink, DeviceConfig device) {
        if (overVxlan()) {
            lanOverVxlan(here, uplink, device.ip());
        } else {
            lanOverVlans(here, uplink, device);
        }
        return true;
    }

    /** One bridge per segment, each joined to the endpoint by its own VXLAN over the LAN link. */
    private void lanOverVxlan(List<Vm> here, Optional<Link> uplink, Batch ip) {
        uplink.ifPresent(l -> {
            ip.line("link set dev " + InterfaceNames.linkEnd(l) + " mtu " + l.mtu() + " up");
            ip.line("address add " + LAN_UNDERLAY_DC + "/64 dev " + InterfaceNames.linkEnd(l) + " nodad");
        });
        for (Segmentation.Segment segment : scheme.config().segments()) {
            String br = InterfaceNames.segmentBridge(segment.id());
            ip.line("link add " + br + " type bridge");
            ip.line("link set dev " + br + " up");
            if (uplink.isPresent()) {
                String vx = InterfaceNames.lanVxlan(scheme.vni(segment));
                ip.line("link add " + vx + " type vxlan id " + scheme.vni(segment) + " local " + LAN_UNDERLAY_DC + " remote " + LAN_UNDERLAY_ROUTER
                        + " dev " + InterfaceNames.linkEnd(uplink.get()) + " dstport " + ConfigGenerator.LAN_VXLAN_PORT);
                ip.line("link set dev " + vx + " master " + br + " up");
            }
        }
        for (Vm vm : here) {
            String port = InterfaceNames.vmPort(vm.id());
            scheme.segmentOf(vm.id()).ifPresentOrElse(
                    s -> ip.line("link set dev " + port + " master " + InterfaceNames.segmentBridge(s.id()) + " up  # " + vm.id() + " in segment " + s.name()),
                    () -> ip.line("link set dev " + port + " up  # " + vm.id() + " is in no segment"));
        }
    }

    /** One VLAN-filtering bridge: the uplink a trunk of every segment, each VM's port untagged in its segment's VLAN. */
    private void lanOverVlans(List<Vm> here, Optional<Link> uplink, DeviceConfig device) {
        Batch bridge = device.bridge();
        ConfigGenerator.dataCenterBridge(device.ip(), uplink, here, " vlan_filtering 1");
        for (Segmentation.Segment segment : scheme.config().segments()) {
            uplink.ifPresent(l -> bridge.line("vlan add vid " + scheme.localVlan(segment) + " dev " + InterfaceNames.linkEnd(l)
                    + "  # segment " + segment.name() + ", tagged toward the endpoint"));
        }
        for (Vm vm : here) {
            String port = InterfaceNames.vmPort(vm.id());
            bridge.line("vlan del vid 1 dev " + port);
            scheme.segmentOf(vm.id()).ifPresent(s -> bridge.line("vlan add vid " + scheme.localVlan(s) + " dev " + port
                    + " pvid untagged  # " + vm.id() + " in segment " + s.name()));
        }
    }

    /** The segment crosses VXLAN: 50 bytes of IPv4 underlay headers on the WAN, 70 over the LAN's IPv6 link-local underlay. */
    @Override
    public int vmMtuOverhead() {
        return overVxlan() ? 70 : 50;
    }
}
