package org.warplab.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The range of every number of the lab format: finite, physically sensible, and small enough that
 * the emulator runs the lab in bounded memory and time. The validator reports a value outside its
 * range with the path and the range; {@code docs/format.md} prints this same table (a test keeps
 * the two equal). Signs and orderings (jitter at most the delay, max at least min) stay with the
 * validator's other checks; this class adds the far ends.
 */
public final class LabLimits {

    /** One number of the format: where it is, its unit, its range, and why the range is what it is. */
    public record Limit(String field, String unit, BigDecimal min, BigDecimal max, String why) {
        boolean admits(double value) {
            return Double.isFinite(value) && BigDecimal.valueOf(value).compareTo(min) >= 0 && BigDecimal.valueOf(value).compareTo(max) <= 0;
        }

        String range() {
            return plain(min) + " to " + plain(max) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    /** The emulator's virtual-time cap; a lab's duration fits inside it. */
    public static final long MAX_DURATION_NS = 3_600_000_000_000L;
    /** Probes the whole traffic may send in one run (each is kept for the metrics, and crosses ~10 hops). */
    public static final long MAX_PROBES = 10_000_000L;

    public static final Limit DURATION = limit("durationMs", "ms", "0.000001", "3600000", "the emulator runs at most 1 h of virtual time");
    public static final Limit POSITION = limit("nodes[].x, nodes[].y", "", "-1000000", "1000000", "the canvas; far beyond any drawing");
    public static final Limit MEMORY = limit("nodes[].memoryMiB (vm)", "MiB", "16", "262144", "256 GiB: the migration stream is emulated burst by burst");
    public static final Limit DISK = limit("nodes[].diskGiB (vm)", "GiB", "0", "4096", "4 TiB: copied burst by burst without shared storage");
    public static final Limit DIRTY = limit("nodes[].dirtyPagesPerSecond (vm)", "pages/s", "0", "10000000", "40 GB/s of writes, more than any memory bus");
    public static final Limit DELAY = limit("links[].delayMs, links[].jitterMs", "ms", "0", "10000", "10 s one way; a geostationary hop is 0.25 s");
    public static final Limit BANDWIDTH = limit("links[].bandwidthMbps", "Mbit/s", "0.001", "1000000", "1 kbit/s to 1 Tbit/s");
    public static final Limit LOSS = limit("links[].lossPercent", "%", "0", "100", "a percentage");
    public static final Limit MTU = limit("links[].mtu", "bytes", String.valueOf(LabValidator.MIN_MTU), String.valueOf(LabValidator.MAX_MTU),
            "IPv4's minimum to jumbo frames (IPv6 labs: at least 1280)");
    public static final Limit COST = limit("links[].cost", "", "1", "65535", "OSPF's 16-bit interface cost");
    public static final Limit PROCESSING = limit("schemes.network-paging.captureProcessingMs, .switchProcessingMs", "ms", "0", "10000",
            "a capture program or translator slower than 10 s is broken, not slow");
    public static final Limit RA_MIN = limit("schemes.mobile-ipv6.raMinIntervalMs", "ms", "10", "1800000", "RFC 6275 goes down to 30 ms; 10 ms leaves room to experiment");
    public static final Limit RA_MAX = limit("schemes.mobile-ipv6.raMaxIntervalMs", "ms", "10", "1800000", "RFC 4861's MaxRtrAdvInterval");
    public static final Limit BINDING_LIFETIME = limit("schemes.mobile-ipv6.bindingLifetimeS", "s", "0.000001", "262140",
            "RFC 6275 carries it in 16 bits of 4-second units");
    public static final Limit CONVERGENCE = limit("schemes.routing-move.advertisementDelayMs, .floodPerHopMs, .spfDelayMs", "ms", "0", "600000",
            "10 min; BGP's slowest convergence is minutes");
    public static final Limit AT = limit("migrations[].atMs", "ms", "0", "3600000", "within the run (before durationMs)");
    public static final Limit DOWNTIME_LIMIT = limit("migrations[].downtimeLimitMs", "ms", "0.000001", "60000",
            "QEMU's downtime-limit is milliseconds to seconds");
    public static final Limit BANDWIDTH_CAP = limit("migrations[].bandwidthCapMbps", "Mbit/s", "0", "1000000", "0 means no cap; else as a link's bandwidth");
    public static final Limit ROUNDS = limit("migrations[].maxRounds", "", "1", "1000", "pre-copy converges or gives up within tens of rounds");
    public static final Limit INTERVAL = limit("traffic[].intervalMs", "ms", "0.1", "60000", "10,000 probes/s per flow at most");
    public static final Limit PACKET = limit("traffic[].packetBytes", "bytes", "28", String.valueOf(LabValidator.MAX_MTU),
            "headers included (a UDP probe needs 36); at most the largest MTU");
    public static final Limit SEGMENT_ID = limit("schemes.segmentation.segments[].id", "", "1", String.valueOf(Segmentation.MAX_VNI),
            "VLAN ids 1-4094, VXLAN VNIs up to 2^24-1");
    public static final Limit START_STOP = limit("traffic[].startMs, traffic[].stopMs", "ms", "0", "3600000", "within the run");

    public static final List<Limit> ALL = List.of(DURATION, POSITION, MEMORY, DISK, DIRTY, DELAY, BANDWIDTH, LOSS, MTU, COST, PROCESSING,
            RA_MIN, RA_MAX, BINDING_LIFETIME, CONVERGENCE, AT, DOWNTIME_LIMIT, BANDWIDTH_CAP, ROUNDS, INTERVAL, PACKET, SEGMENT_ID, START_STOP);

    private final Lab lab;
    private final List<Problem> problems = new ArrayList<>();

    private LabLimits(Lab lab) {
        this.lab = lab;
    }

    /** Every number of {@code lab} outside its range, as an error at its path. */
    public static List<Problem> check(Lab lab) {
        LabLimits limits = new LabLimits(lab);
        limits.run();
        return List.copyOf(limits.problems);
    }

    private void run() {
        upper(DURATION, "", "durationMs", lab.durationNs() / 1e6);
        for (int i = 0; i < lab.nodes().size(); i++) {
            Node node = lab.nodes().get(i);
            String at = "nodes[" + i + "]";
            check(POSITION, node.id(), at + ".x", node.position().x());
            check(POSITION, node.id(), at + ".y", node.position().y());
            if (node instanceof Vm vm) {
                upper(MEMORY, vm.id(), at + ".memoryMiB", vm.memoryMiB());
                upper(DISK, vm.id(), at + ".diskGiB", vm.diskGiB());
                upper(DIRTY, vm.id(), at + ".dirtyPagesPerSecond", vm.dirtyPagesPerSecond());
            }
        }
        for (int i = 0; i < lab.links().size(); i++) {
            Link link = lab.links().get(i);
            String at = "links[" + i + "]";
            upper(DELAY, link.id(), at + ".delayMs", link.delayNs() / 1e6);
            upper(DELAY, link.id(), at + ".jitterMs", link.jitterNs() / 1e6);
            raisedFloor(BANDWIDTH, link.id(), at + ".bandwidthMbps", link.bandwidthBps() / 1e6);
            upper(COST, link.id(), at + ".cost", link.cost());
        }
        checkSchemes();
        for (int i = 0; i < lab.migrations().size(); i++) {
            Migration m = lab.migrations().get(i);
            String at = "migrations[" + i + "]";
            upper(DOWNTIME_LIMIT, m.id(), at + ".downtimeLimitMs", m.downtimeLimitNs() / 1e6);
            if (upper(BANDWIDTH_CAP, m.id(), at + ".bandwidthCapMbps", m.bandwidthCapBps() / 1e6)) {
                raisedFloor(BANDWIDTH, m.id(), at + ".bandwidthCapMbps", m.bandwidthCapBps() / 1e6);
            }
            upper(ROUNDS, m.id(), at + ".maxRounds", m.maxRounds());
        }
        checkTraffic();
    }

    private void checkSchemes() {
        for (SchemeConfig config : lab.schemes()) {
            String at = "schemes." + config.kind().key();
            if (config instanceof NetworkPaging paging) {
                check(PROCESSING, "", at + ".captureProcessingMs", paging.captureProcessingNs() / 1e6);
                check(PROCESSING, "", at + ".switchProcessingMs", paging.switchProcessingNs() / 1e6);
            } else if (config instanceof MobileIpv6 mip) {
                raisedFloor(RA_MIN, "", at + ".raMinIntervalMs", mip.raMinIntervalNs() / 1e6);
                upper(RA_MAX, "", at + ".raMaxIntervalMs", mip.raMaxIntervalNs() / 1e6);
                upper(BINDING_LIFETIME, "", at + ".bindingLifetimeS", mip.bindingLifetimeNs() / 1e9);
            } else if (config instanceof RoutingMove move) {
                upper(CONVERGENCE, "", at + ".advertisementDelayMs", move.advertisementDelayNs() / 1e6);
                upper(CONVERGENCE, "", at + ".floodPerHopMs", move.floodPerHopNs() / 1e6);
                upper(CONVERGENCE, "", at + ".spfDelayMs", move.spfDelayNs() / 1e6);
            }
        }
    }

    private void checkTraffic() {
        double probes = 0;
        for (int i = 0; i < lab.traffic().size(); i++) {
            ProbeFlow flow = lab.traffic().get(i);
            String at = "traffic[" + i + "]";
            boolean intervalOk = raisedFloor(INTERVAL, flow.id(), at + ".intervalMs", flow.intervalNs() / 1e6) && flow.intervalNs() > 0;
            upper(START_STOP, flow.id(), at + ".startMs", flow.startNs() / 1e6);
            upper(START_STOP, flow.id(), at + ".stopMs", flow.stopNs() / 1e6);
            if (intervalOk) {
                long end = flow.stopNs() > 0 ? Math.min(flow.stopNs(), lab.durationNs()) : lab.durationNs();
                probes += Math.max(0, end - flow.startNs()) / (double) flow.intervalNs();
            }
        }
        if (probes > MAX_PROBES && lab.durationNs() <= MAX_DURATION_NS) {
            problems.add(Problem.error("", "traffic", String.format(Locale.ROOT, "the traffic sends %,.0f probes in one run; at most %,d fit in the emulator's memory",
                    probes, MAX_PROBES), "use fewer flows, a longer intervalMs, or a shorter durationMs"));
        }
    }

    /** Only the upper end: the validator's other checks already refuse values below {@code limit}'s minimum. */
    private boolean upper(Limit limit, String element, String path, double value) {
        return (Double.isFinite(value) && value < limit.min().doubleValue()) || check(limit, element, path, value);
    }

    /** Both ends, where the validator refuses zero and below but this range starts higher (a 1 bit/s link). */
    private boolean raisedFloor(Limit limit, String element, String path, double value) {
        return (Double.isFinite(value) && value <= 0) || check(limit, element, path, value);
    }

    private boolean check(Limit limit, String element, String path, double value) {
        if (limit.admits(value)) {
            return true;
        }
        String shown = Double.isFinite(value) ? plain(new BigDecimal(value).round(new java.math.MathContext(12))) : "not a finite number";
        problems.add(Problem.error(element, path, path.substring(path.lastIndexOf('.') + 1) + " is " + shown + (limit.unit().isEmpty() ? "" : " " + limit.unit())
                + ", outside " + limit.range(), "use " + limit.range() + ": " + limit.why()));
        return false;
    }

    private static Limit limit(String field, String unit, String min, String max, String why) {
        return new Limit(field, unit, new BigDecimal(min), new BigDecimal(max), why);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The table of {@code docs/format.md}. */
    public static String markdownTable() {
        StringBuilder text = new StringBuilder("| field | range | why |\n|---|---|---|\n");
        for (Limit limit : ALL) {
            text.append("| `").append(limit.field()).append("` | ").append(limit.range()).append(" | ").append(limit.why()).append(" |\n");
        }
        return text.toString();
    }
}
