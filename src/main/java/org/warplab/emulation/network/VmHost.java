package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.AnnounceKind;
import org.warplab.model.Ipv6Address;
import org.warplab.model.Overhead;
import org.warplab.model.Vm;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/**
 * A VM as the network sees it: an echo responder on a virtual port of its data center's LAN. It
 * can be paused, moved to another LAN (keeping address, MAC and ARP cache) and resumed; after a
 * resume its hypervisor announces it with RARP or gratuitous ARP frames.
 */
public final class VmHost extends IpHost implements EventHandler {
    /** QEMU's default announce schedule: 5 frames at 0, 50, 200, 450 and 800 ms after resume. */
    static final long[] ANNOUNCE_OFFSETS_NS = {0, 50_000_000L, 200_000_000L, 450_000_000L, 800_000_000L};

    public final Vm vm;
    public String dataCenter;
    private final List<Channel> uplinks = new ArrayList<>();
    private final List<String> portDataCenters = new ArrayList<>();
    private int currentPort = -1;
    private LanSwitch currentLan;
    private int currentLanPort = -1;
    boolean paused;
    boolean migrating;
    /** The 802.1Q VLAN of the VM's port on a segmented LAN (0: untagged). */
    public int accessVlan;
    /** Told when a probe reached the VM (the first one after a move ends Mobile IPv6's downtime). */
    public Runnable deliveredListener;
    /** The migration that resumed the VM last, until a probe reaches it: that probe ends its downtime. */
    private MigrationRun awaitingFirstProbe;

    /** When the VM's neighbour entry for its gateway changed MAC, and to what: {time, MAC} pairs in time order. */
    public final List<long[]> gatewayMacChanges = new ArrayList<>();

    VmHost(NetworkContext net, Vm vm, int ip, int prefixLength, int gatewayIp) {
        super(net, vm.id(), ip, prefixLength, vm.mac().bits(), gatewayIp);
        this.vm = vm;
        arp.onNeighbourChanged((address, newMac) -> {
            if (address == gatewayIp) {
                gatewayMacChanges.add(new long[] {net.now(), newMac});
            }
        });
    }

    /** Plugs the VM into {@code lan} (a new virtual port there) and makes that its current port. */
    void attach(LanSwitch lan) {
        Channel toVm = Channel.virtual(net, lan.name + ":" + vm.id(), lan.name, vm.id());
        toVm.receiver = this;
        toVm.receiverPort = uplinks.size();
        Channel fromVm = Channel.virtual(net, lan.name + ":" + vm.id(), vm.id(), lan.name);
        fromVm.receiver = lan;
        fromVm.receiverPort = lan.attach(toVm, vm.id(), true);
        if (accessVlan != 0) {
            lan.setVlan(fromVm.receiverPort, accessVlan);
        }
        uplinks.add(fromVm);
        portDataCenters.add(lan.name);
        currentPort = uplinks.size() - 1;
        currentLan = lan;
        currentLanPort = fromVm.receiverPort;
        setUplink(fromVm);
        dataCenter = lan.name;
    }

    /** Puts the VM's port (now and after every move) into 802.1Q VLAN {@code vlan}. */
    public void setAccessVlan(int vlan) {
        accessVlan = vlan;
        if (currentLan != null) {
            currentLan.setVlan(currentLanPort, vlan);
        }
    }

    /** The VM's own IPv6 address (its home address for a mobile node): the one the lab gives it. */
    public Ipv6Address vmAddress6() {
        return vm.address(org.warplab.model.IpFamily.IPV6).map(Ipv6::of).orElse(null);
    }

    @Override
    public void receive(Frame frame, int port) {
        if (port != currentPort) {
            if (frame.destinationMac == mac && frame.isIp()) {
                net.drop(frame, portDataCenters.get(port), frame.kind == PacketKind.MIGRATION ? null : portDataCenters.get(port) + ":" + vm.id(),
                        vm.id() + " has left " + portDataCenters.get(port) + "; the LAN still sends its frames to the old port (stale FDB entry)");
            }
            return;
        }
        if (paused) {
            if (frame.destinationMac == mac && frame.isIp()) {
                net.drop(frame, vm.id(), null, vm.id() + " is paused (stop-and-copy)");
            }
            return;
        }
        super.receive(frame, port);
    }

    @Override
    protected void onPacket(Frame frame) {
        PacketKind replyKind;
        if (frame.kind == PacketKind.PROBE && frame.destinationPort == ClientHost.PROBE_PORT) {
            replyKind = PacketKind.ECHO;
        } else if (frame.kind == PacketKind.PING) {
            replyKind = PacketKind.PONG;
        } else {
            net.drop(frame, name, null, "no program on " + name + " listens for it");
            return;
        }
        if (net.tracing()) {
            net.trace(new TraceEvent.Delivered(net.now(), frame.id, frame.kind, net.flowName(frame), frame.sequence, name,
                    net.now() - frame.probeSentNs));
        }
        if (deliveredListener != null) {
            deliveredListener.run();
        }
        if (awaitingFirstProbe != null) {
            awaitingFirstProbe.firstProbeNs = net.now();
            awaitingFirstProbe = null;
        }
        sendIp(replyTo(frame, replyKind));
    }

    /** {@code run} resumed the VM: the next probe to reach it ends that migration's downtime. */
    void awaitFirstProbe(MigrationRun run) {
        awaitingFirstProbe = run;
    }

    /** Starts the hypervisor's announcements: the first after the testbed's delay (none on the ideal testbed), the rest on QEMU's schedule from it. */
    void announce() {
        long first = net.overheads.draw(Overhead.FIRST_ANNOUNCEMENT, 0);
        for (int i = 0; i < ANNOUNCE_OFFSETS_NS.length; i++) {
            net.sim.scheduleIn(first + ANNOUNCE_OFFSETS_NS[i], this, currentPort, null);
        }
    }

    /** Announcement timer; {@code port} is the port current when it was scheduled. */
    @Override
    public void handle(int port, Object payload) {
        if (port != currentPort || paused) {
            return;
        }
        Frame frame = new Frame();
        frame.id = net.nextPacketId();
        frame.sourceMac = mac;
        frame.destinationMac = NetworkContext.BROADCAST_MAC;
        frame.senderMac = mac;
        if (vm.announce() == AnnounceKind.RARP) {
            frame.kind = PacketKind.RARP;
            frame.etherType = Frame.ETHERTYPE_RARP;
            frame.arpOperation = 3;
            frame.targetMac = mac;
        } else {
            frame.kind = PacketKind.GARP;
            frame.etherType = Frame.ETHERTYPE_ARP;
            frame.arpOperation = 1;
            frame.senderIp = ip;
            frame.targetIp = ip;
        }
        if (net.tracing()) {
            frame.path = new ArrayList<>(List.of(name));
        }
        uplinks.get(currentPort).send(frame);
    }
}
