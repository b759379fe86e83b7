package org.warplab.run;

import org.warplab.model.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every probe of a run, read off its trace: when it was sent, its round trip when the echo came
 * back, or where and why it (or its echo) was lost. The probe chart and the CSV export use it.
 */
public record ProbeSeries(List<Probe> probes) {

    public enum Status { ECHOED, LOST, UNANSWERED }

    /**
     * @param roundTripNs the echo's round trip, -1 unless echoed
     * @param echoedNs when the echo reached the client, -1 unless echoed
     * @param where node (or link) where the probe or its echo was dropped, "" otherwise
     */
    public record Probe(String flow, long sequence, long sentNs, long roundTripNs, long echoedNs, Status status, String where, String reason) { }

    public ProbeSeries {
        probes = List.copyOf(probes);
    }

    public static ProbeSeries of(Trace trace) {
        Map<String, long[]> sent = new LinkedHashMap<>();
        Map<String, Probe> done = new LinkedHashMap<>();
        for (TraceEvent e : trace.events()) {
            if (e instanceof TraceEvent.PacketSent p && isProbe(p.kind()) && p.flow() != null) {
                sent.putIfAbsent(key(p.flow(), p.sequence()), new long[] {p.timeNs(), p.sequence()});
            } else if (e instanceof TraceEvent.Delivered d && isEcho(d.kind()) && d.flow() != null) {
                done.putIfAbsent(key(d.flow(), d.sequence()), new Probe(d.flow(), d.sequence(), d.timeNs() - d.latencyNs(), d.latencyNs(),
                        d.timeNs(), Status.ECHOED, "", ""));
            } else if (e instanceof TraceEvent.Dropped d && (isProbe(d.kind()) || isEcho(d.kind())) && d.flow() != null) {
                String where = d.link() != null ? d.link() : d.node();
                done.putIfAbsent(key(d.flow(), d.sequence()), new Probe(d.flow(), d.sequence(), -1, -1, -1, Status.LOST, where == null ? "" : where,
                        d.reason()));
            }
        }
        List<Probe> out = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : sent.entrySet()) {
            String flow = entry.getKey().substring(0, entry.getKey().lastIndexOf('#'));
            long sentNs = entry.getValue()[0];
            long sequence = entry.getValue()[1];
            Probe probe = done.get(entry.getKey());
            if (probe == null) {
                out.add(new Probe(flow, sequence, sentNs, -1, -1, Status.UNANSWERED, "", "still on the way when the run ended"));
            } else if (probe.status() == Status.LOST) {
                out.add(new Probe(flow, sequence, sentNs, -1, -1, Status.LOST, probe.where(), probe.reason()));
            } else {
                // sent when the client sent it, which the round trip counts from (its first frame can leave later, once ARP has answered)
                out.add(probe);
            }
        }
        out.sort(Comparator.comparingLong(Probe::sentNs).thenComparing(Probe::flow));
        return new ProbeSeries(out);
    }

    private static String key(String flow, long sequence) {
        return flow + "#" + sequence;
    }

    static boolean isProbe(PacketKind kind) {
        return kind == PacketKind.PROBE || kind == PacketKind.PING;
    }

    static boolean isEcho(PacketKind kind) {
        return kind == PacketKind.ECHO || kind == PacketKind.PONG;
    }

    public List<String> flows() {
        return probes.stream().map(Probe::flow).distinct().toList();
    }

    /** One line per probe: flow, sequence, sent (ms), round trip (ms, empty unless echoed), status, where and why it was lost. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("flow,sequence,sent_ms,round_trip_ms,echoed_ms,status,lost_at,reason\n");
        for (Probe p : probes) {
            csv.append(p.flow()).append(',').append(p.sequence()).append(',').append(ms(p.sentNs())).append(',')
                    .append(p.roundTripNs() < 0 ? "" : ms(p.roundTripNs())).append(',').append(p.echoedNs() < 0 ? "" : ms(p.echoedNs())).append(',')
                    .append(p.status().name().toLowerCase(Locale.ROOT)).append(',').append(p.where()).append(',')
                    .append('"').append(p.reason().replace("\"", "\"\"")).append('"').append('\n');
        }
        return csv.toString();
    }

    private static String ms(long ns) {
        return Units.msNumber(ns, 3);
    }
}
