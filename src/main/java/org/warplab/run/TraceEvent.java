package org.warplab.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One time-stamped thing that happened in a run: a packet's step along the network or a change
 * of state. Both runtimes (the emulator and the live namespace runtime) produce these same
 * records, so the animation and the reports treat them alike. Packet events name the link and
 * the nodes at its ends so an animator can move a dot along the link.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TraceEvent.PacketSent.class, name = "sent"),
    @JsonSubTypes.Type(value = TraceEvent.HopArrived.class, name = "arrived"),
    @JsonSubTypes.Type(value = TraceEvent.Translated.class, name = "translated"),
    @JsonSubTypes.Type(value = TraceEvent.Dropped.class, name = "dropped"),
    @JsonSubTypes.Type(value = TraceEvent.Delivered.class, name = "delivered"),
    @JsonSubTypes.Type(value = TraceEvent.VmPaused.class, name = "vm-paused"),
    @JsonSubTypes.Type(value = TraceEvent.VmResumed.class, name = "vm-resumed"),
    @JsonSubTypes.Type(value = TraceEvent.VmMoved.class, name = "vm-moved"),
    @JsonSubTypes.Type(value = TraceEvent.AnnouncementSeen.class, name = "announcement-seen"),
    @JsonSubTypes.Type(value = TraceEvent.RuleSwitched.class, name = "rule-switched"),
    @JsonSubTypes.Type(value = TraceEvent.FdbUpdated.class, name = "fdb-updated"),
    @JsonSubTypes.Type(value = TraceEvent.ArpUpdated.class, name = "arp-updated"),
    @JsonSubTypes.Type(value = TraceEvent.RouteChanged.class, name = "route-changed"),
    @JsonSubTypes.Type(value = TraceEvent.MigrationRound.class, name = "migration-round"),
    @JsonSubTypes.Type(value = TraceEvent.Encapsulated.class, name = "encapsulated"),
    @JsonSubTypes.Type(value = TraceEvent.Decapsulated.class, name = "decapsulated")
})
public sealed interface TraceEvent {

    long timeNs();

    /**
     * A packet leaves {@code fromNode} on {@code link} towards {@code toNode}: queued at
     * {@code timeNs}, its first bit leaves at {@code departNs}, it arrives at {@code arriveNs}.
     */
    record PacketSent(long timeNs, long packetId, PacketKind kind, String flow, long sequence,
                      String fromNode, String link, String toNode, long departNs, long arriveNs,
                      String source, String destination, int bytes) implements TraceEvent { }

    /** The packet reached {@code node} over {@code link}. */
    record HopArrived(long timeNs, long packetId, String link, String fromNode, String node) implements TraceEvent { }

    /** A translator rewrote an address: {@code field} is "source" or "destination". */
    record Translated(long timeNs, long packetId, String node, String field, String from, String to) implements TraceEvent { }

    /** The packet is lost at {@code node} (on {@code link} when the link lost it); {@code reason} says why. */
    record Dropped(long timeNs, long packetId, PacketKind kind, String flow, long sequence, String node, String link,
                   String reason) implements TraceEvent { }

    /** The packet reached the host it was meant for. {@code latencyNs} is the round trip for an echo, else the one-way time. */
    record Delivered(long timeNs, long packetId, PacketKind kind, String flow, long sequence, String node,
                     long latencyNs) implements TraceEvent { }

    record VmPaused(long timeNs, String vm, String dataCenter) implements TraceEvent { }

    record VmResumed(long timeNs, String vm, String dataCenter) implements TraceEvent { }

    record VmMoved(long timeNs, String vm, String fromDataCenter, String toDataCenter) implements TraceEvent { }

    /** The capture program on {@code dataCenter}'s LAN saw the VM's announcement. */
    record AnnouncementSeen(long timeNs, String dataCenter, String vm, PacketKind kind) implements TraceEvent { }

    /** A translator changed its rule for {@code vm}; {@code rule} is the new rule as text. */
    record RuleSwitched(long timeNs, String router, String vm, String rule) implements TraceEvent { }

    /** A switch learned (or aged out, when {@code port} is null) where {@code mac} lives. */
    record FdbUpdated(long timeNs, String lan, String mac, String port) implements TraceEvent { }

    record ArpUpdated(long timeNs, String node, String address, String mac) implements TraceEvent { }

    /** {@code router} now sends {@code prefix} via {@code nextHop} over {@code link} (null link: unreachable). */
    record RouteChanged(long timeNs, String router, String prefix, String nextHop, String link) implements TraceEvent { }

    /** A migration finished a round: pre-copy rounds count from 1; {@code stopAndCopy} marks the final one. */
    record MigrationRound(long timeNs, String migration, int round, long bytes, long durationNs, boolean stopAndCopy)
            implements TraceEvent { }

    /**
     * {@code node} wrapped the packet into a tunnel: {@code how} is "ip6ip6" (Mobile IPv6) or
     * "vxlan VNI n" (a segment); the outer header goes from {@code outerSource} to {@code outerDestination}.
     */
    record Encapsulated(long timeNs, long packetId, String node, String how, String outerSource, String outerDestination)
            implements TraceEvent { }

    /** {@code node} took the packet out of its tunnel. */
    record Decapsulated(long timeNs, long packetId, String node, String how) implements TraceEvent { }
}
