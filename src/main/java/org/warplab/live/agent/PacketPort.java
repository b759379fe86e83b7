package org.warplab.live.agent;

import java.io.Closeable;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Raw frames on one interface of the agent's namespace, through libpcap: captured in immediate
 * mode (no buffering delay) with an optional BPF filter, and sent as they are.
 */
public final class PacketPort implements Closeable {

    private final String device;
    private final PcapHandle handle;

    private PacketPort(String device, PcapHandle handle) {
        this.device = device;
        this.handle = handle;
    }

    /**
     * Opens {@code device}. {@code filter} is a BPF expression ("" for everything);
     * {@code inboundOnly} skips frames this host sent (a relay must not echo its own output).
     */
    public static PacketPort open(String device, String filter, boolean inboundOnly) throws PortException {
        try {
            PcapHandle handle = new PcapHandle.Builder(device)
                    .snaplen(65_536)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(50)
                    .immediateMode(true)
                    .build();
            if (inboundOnly) {
                handle.setDirection(PcapHandle.PcapDirection.IN);
            }
            if (!filter.isEmpty()) {
                handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            return new PacketPort(device, handle);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            throw new PortException("cannot open " + device + " for capture: " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            throw new PortException("libpcap is missing (Debian package libpcap0.8): " + e.getMessage(), e);
        }
    }

    /** The next frame, or null when none arrived within the read timeout. */
    public byte[] next() throws PortException {
        try {
            return handle.getNextRawPacket();
        } catch (NotOpenException e) {
            throw new PortException(device + " is closed", e);
        }
    }

    /**
     * When the kernel received the frame {@link #next()} last returned, on the host's monotonic
     * clock: libpcap stamps it in wall-clock time, converted here by the wall-to-monotonic offset of
     * this instant. The agent's own clock read after {@code next()} returns can be milliseconds
     * later on a busy host; this is when the frame really arrived. {@code fallbackNs} when libpcap has no stamp.
     */
    public long lastCaptureNs(long fallbackNs) {
        java.sql.Timestamp stamp = handle.getTimestamp();
        if (stamp == null) {
            return fallbackNs;
        }
        java.time.Instant now = java.time.Instant.now();
        long monotonicNow = System.nanoTime();
        long ageNs = (now.getEpochSecond() - Math.floorDiv(stamp.getTime(), 1000L)) * 1_000_000_000L + now.getNano() - stamp.getNanos();
        long captured = monotonicNow - ageNs;
        // a stamp from the future or from long ago is not this frame's: keep the agent's own reading
        return captured > fallbackNs || fallbackNs - captured > 1_000_000_000L ? fallbackNs : captured;
    }

    public void send(byte[] frame) throws PortException {
        try {
            handle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            throw new PortException("cannot send on " + device + ": " + e.getMessage(), e);
        }
    }

    /** libpcap's counters for this handle: frames received, dropped for lack of buffer, dropped by the interface. */
    public long[] statistics() throws PortException {
        try {
            org.pcap4j.core.PcapStat stat = handle.getStats();
            return new long[] {stat.getNumPacketsReceived(), stat.getNumPacketsDropped(), stat.getNumPacketsDroppedByIf()};
        } catch (PcapNativeException | NotOpenException e) {
            throw new PortException("cannot read the capture statistics of " + device + ": " + e.getMessage(), e);
        }
    }

    public String device() {
        return device;
    }

    @Override
    public void close() {
        handle.close();
    }

    /** A capture or send that failed; the message names the interface and the cause. */
    public static final class PortException extends Exception {
        public PortException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
