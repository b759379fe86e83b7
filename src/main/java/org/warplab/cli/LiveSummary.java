package org.warplab.cli;

import org.warplab.model.Units;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.warplab.model.SchemeKind;
import org.warplab.run.Distribution;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;

/** The tables `live run` prints for repeated moves and for the comparison with the emulator. */
final class LiveSummary {

    private LiveSummary() {
    }

    /** One line per move, then median / p95 / max of each figure. */
    static void repeated(RunResult live, long buildNs, PrintStream out) {
        out.printf("%-6s %-12s %12s %12s %12s %10s %12s%n", "move", "to", "switching", "downtime", "client gap", "lost", "latency");
        for (MigrationMetrics m : live.migrations()) {
            out.printf("%-6s %-12s %12s %12s %12s %10s %12s%n", m.migration(), m.to(), ms(m.switchingTimeNs()), ms(m.downtimeNs()),
                    ms(m.clientGapNs()), m.probesLost() + "/" + m.probesSent(), ms(m.latencyAfterNs()));
        }
        // Mobile IPv6 leaving home (registration, two DADs) and coming home (deregistration) are different protocols
        Map<String, List<MigrationMetrics>> groups = new LinkedHashMap<>();
        for (MigrationMetrics m : live.migrations()) {
            groups.computeIfAbsent(SchemeKind.MOBILE_IPV6.key().equals(live.scheme()) ? " to " + m.to() : "", k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<MigrationMetrics>> group : groups.entrySet()) {
            List<MigrationMetrics> moves = group.getValue();
            out.println();
            out.printf(Locale.ROOT, "%-28s %12s %12s %12s%n", "over " + moves.size() + " moves" + group.getKey(), "median", "p95", "max");
            row(out, "switching time", moves, MigrationMetrics::switchingTimeNs);
            row(out, "VM downtime", moves, MigrationMetrics::downtimeNs);
            row(out, "client gap", moves, MigrationMetrics::clientGapNs);
            Distribution lost = Distribution.of(moves.stream().map(MigrationMetrics::probesLost).toList());
            out.printf(Locale.ROOT, "%-28s %12d %12d %12d%n", "lost probes", lost.medianNs(), lost.p95Ns(), lost.maxNs());
        }
        out.printf(Locale.ROOT, "%-28s %12s%n", "lab build time", ms(buildNs));
    }

    /** The emulator's prediction beside the live measurement, migration by migration. */
    static void compared(RunResult emulated, RunResult live, PrintStream out) {
        out.printf("%-24s %14s %14s%n", "", "emulated", "live");
        for (int i = 0; i < Math.min(emulated.migrations().size(), live.migrations().size()); i++) {
            MigrationMetrics e = emulated.migrations().get(i);
            MigrationMetrics l = live.migrations().get(i);
            out.println(l.migration() + " " + l.vm() + " " + l.from() + " → " + l.to());
            out.printf("  %-22s %14s %14s%n", "switching time", ms(e.switchingTimeNs()), ms(l.switchingTimeNs()));
            out.printf("  %-22s %14s %14s%n", "VM downtime", ms(e.downtimeNs()), ms(l.downtimeNs()));
            out.printf("  %-22s %14s %14s%n", "client gap", ms(e.clientGapNs()), ms(l.clientGapNs()));
            out.printf("  %-22s %14s %14s%n", "lost probes", e.probesLost() + "/" + e.probesSent(), l.probesLost() + "/" + l.probesSent());
            out.printf("  %-22s %14s %14s%n", "latency before", ms(e.latencyBeforeNs()), ms(l.latencyBeforeNs()));
            out.printf("  %-22s %14s %14s%n", "latency after", ms(e.latencyAfterNs()), ms(l.latencyAfterNs()));
            out.printf("  %-22s %14s %14s%n", "reachable after", e.reachableAfter() ? "yes" : "no", l.reachableAfter() ? "yes" : "no");
        }
    }

    private static void row(PrintStream out, String label, List<MigrationMetrics> moves, Function<MigrationMetrics, Long> figure) {
        Distribution d = Distribution.of(moves.stream().map(figure).filter(v -> v != null && v >= 0).toList());
        out.printf(Locale.ROOT, "%-28s %12s %12s %12s%n", label, ms(d.medianNs()), ms(d.p95Ns()), ms(d.maxNs()));
    }

    static String ms(Long ns) {
        return Units.msOrNone(ns, 2);
    }
}
