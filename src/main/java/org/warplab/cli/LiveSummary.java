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
        boolean hypervisor = live.migrations().stream().anyMatch(m -> m.hypervisor() != null);
        if (hypervisor) {
            // a real guest: the hypervisor's own downtime and passes beside the host's, and whether the stop kept to the limit
            // QEMU's STOP → RESUME as the host saw them beside QEMU's own figure: no agent inside the guest sees the first probe (docs/metrics.md)
            out.printf("%-6s %-6s %12s %12s %12s %7s %12s %10s %12s  %s%n", "move", "to", "switching", "stop→resume", "QEMU dt", "passes", "client gap",
                    "lost", "latency", "limit");
        } else {
            out.printf("%-6s %-12s %12s %12s %12s %10s %12s%n", "move", "to", "switching", "downtime", "client gap", "lost", "latency");
        }
        for (MigrationMetrics m : live.migrations()) {
            if (hypervisor) {
                out.printf("%-6s %-6s %12s %12s %12s %7s %12s %10s %12s  %s%n", m.migration(), m.to(), ms(m.switchingTimeNs()),
                        m.hypervisor() == null ? ms(m.downtimeNs()) : ms(m.hypervisor().hostDowntimeNs()),
                        m.hypervisor() == null ? Units.NONE : ms(m.hypervisor().stopNs()), m.completion().preCopyRounds(), ms(m.clientGapNs()),
                        m.probesLost() + "/" + m.probesSent(), ms(m.latencyAfterNs()), limitCell(m));
            } else {
                out.printf("%-6s %-12s %12s %12s %12s %10s %12s%n", m.migration(), m.to(), ms(m.switchingTimeNs()), ms(m.downtimeNs()),
                        ms(m.clientGapNs()), m.probesLost() + "/" + m.probesSent(), ms(m.latencyAfterNs()));
            }
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
            if (hypervisor) {
                row(out, "QEMU stop → resume (host)", moves, m -> m.hypervisor() == null ? null : m.hypervisor().hostDowntimeNs());
                row(out, "QEMU downtime (its own)", moves, m -> m.hypervisor() == null ? null : m.hypervisor().stopNs());
                Distribution passes = Distribution.of(moves.stream().map(m -> (long) m.completion().preCopyRounds()).toList());
                out.printf(Locale.ROOT, "%-28s %12d %12d %12d%n", "QEMU passes", passes.medianNs(), passes.p95Ns(), passes.maxNs());
            }
            row(out, "client gap", moves, MigrationMetrics::clientGapNs);
            Distribution lost = Distribution.of(moves.stream().map(MigrationMetrics::probesLost).toList());
            out.printf(Locale.ROOT, "%-28s %12d %12d %12d%n", "lost probes", lost.medianNs(), lost.p95Ns(), lost.maxNs());
        }
        out.printf(Locale.ROOT, "%-28s %12s%n", "lab build time", ms(buildNs));
        if (hypervisor) {
            overLimit(live.migrations()).forEach(out::println);
        }
    }

    /** "ok" or "OVER 300 ms": the hypervisor's stop held to the migration's downtime limit. */
    private static String limitCell(MigrationMetrics m) {
        if (m.hypervisor() == null || m.completion().downtimeLimitNs() <= 0) {
            return Units.NONE;
        }
        return m.downtimeOverLimit() ? "OVER " + Units.ms(m.completion().downtimeLimitNs(), 0) : "ok";
    }

    /**
     * The verdict on the downtime limit under the summary: every move within it, or which moves
     * were not and by how much, each with what the hypervisor had expected.
     */
    static List<String> overLimit(List<MigrationMetrics> moves) {
        List<MigrationMetrics> over = moves.stream().filter(MigrationMetrics::downtimeOverLimit).toList();
        List<MigrationMetrics> held = moves.stream().filter(m -> m.hypervisor() != null && m.completion().downtimeLimitNs() > 0).toList();
        if (held.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (over.isEmpty()) {
            lines.add("QEMU's downtime kept to the limit (" + limits(held) + ") on every move (" + held.size() + " of " + held.size() + ").");
            return lines;
        }
        lines.add("OVER THE DOWNTIME LIMIT on " + over.size() + " of " + held.size() + " moves: QEMU stopped the VM longer than the migration's "
                + limits(over) + " limit.");
        for (MigrationMetrics m : over) {
            lines.add("  ! " + m.migration() + ": " + Units.ms(m.hypervisor().stopNs(), 0) + " (host " + Units.ms(m.hypervisor().hostDowntimeNs(), 0) + ")"
                    + (m.hypervisor().expectation().isEmpty() ? "" : "; " + m.hypervisor().expectation()));
        }
        return lines;
    }

    private static String limits(List<MigrationMetrics> moves) {
        return String.join(", ", moves.stream().map(m -> Units.ms(m.completion().downtimeLimitNs(), 0)).distinct().toList());
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
