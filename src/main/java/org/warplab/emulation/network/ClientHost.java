package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Ipv6Address;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.run.PacketKind;
import org.warplab.run.TraceEvent;

/** A user's machine: sends each of its probe flows and records the echoes. */
public final class ClientHost extends IpHost {
    static final int PROBE_PORT = 7;

    private final ProbeRecorder recorder;
    final List<ProbeSource> sources = new ArrayList<>();

    ClientHost(NetworkContext net, String name, int ip, int prefixLength, long mac, int gatewayIp, ProbeRecorder recorder) {
        super(net, name, ip, prefixLength, mac, gatewayIp);
        this.recorder = recorder;
    }

    /** Adds a flow to the VM at {@code vmAddress} (IPv4), or at {@code vmAddress6} when that is set. */
    void addFlow(int flowIndex, ProbeFlow flow, int vmAddress, Ipv6Address vmAddress6) {
        ProbeSource source = new ProbeSource(flowIndex, flow, vmAddress, vmAddress6);
        sources.add(source);
        net.sim.scheduleAt(flow.startNs(), source, 0, null);
    }

    @Override
    protected void onPacket(Frame frame) {
        if ((frame.kind == PacketKind.ECHO || frame.kind == PacketKind.PONG) && frame.flow >= 0) {
            if (net.tracing()) {
                net.trace(new TraceEvent.Delivered(net.now(), frame.id, frame.kind, net.flowName(frame), frame.sequence, name,
                        net.now() - frame.probeSentNs));
            }
            recorder.echoed(frame.flow, frame.sequence, net.now(), frame.path);
        } else {
            net.drop(frame, name, null, "no program on " + name + " listens for it");
        }
    }

    /** The timer of one flow: a probe every interval, from start to stop. */
    final class ProbeSource implements EventHandler {
        final int flowIndex;
        final ProbeFlow flow;
        final int vmAddress;
        final Ipv6Address vmAddress6;

        ProbeSource(int flowIndex, ProbeFlow flow, int vmAddress, Ipv6Address vmAddress6) {
            this.flowIndex = flowIndex;
            this.flow = flow;
            this.vmAddress = vmAddress;
            this.vmAddress6 = vmAddress6;
        }

        @Override
        public void handle(int code, Object payload) {
            long now = net.now();
            if (flow.stopNs() > 0 && now >= flow.stopNs()) {
                return;
            }
            boolean ping = flow.kind() == ProbeKind.PING;
            Frame probe;
            if (vmAddress6 != null) {
                probe = newIp6Frame(ping ? PacketKind.PING : PacketKind.PROBE, nd.addresses.get(1), vmAddress6,
                        ping ? Frame.PROTOCOL_ICMPV6 : Frame.PROTOCOL_UDP, Math.max(68, flow.packetBytes()));
                probe.icmpType = ping ? Frame.ICMPV6_ECHO_REQUEST : 0;
            } else {
                probe = newIpFrame(ping ? PacketKind.PING : PacketKind.PROBE, vmAddress,
                        ping ? Frame.PROTOCOL_ICMP : Frame.PROTOCOL_UDP, Math.max(48, flow.packetBytes()));
            }
            probe.sourcePort = 40000 + (flowIndex % 20000);
            probe.destinationPort = PROBE_PORT;
            probe.flow = flowIndex;
            probe.sequence = recorder.sent(flowIndex, now);
            probe.probeSentNs = now;
            sendIp(probe);
            net.sim.scheduleAt(now + flow.intervalNs(), this, 0, null);
        }
    }
}
