package org.warplab.run;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Units;

/**
 * A migration's figures in words, the same in the readout, the CLI and the report: a figure that
 * was not measured says why ("unreachable after the move", "did not finish") instead of showing a
 * number that reads like a result (a "gap 0.0 ms" when every probe was dropped).
 */
public final class FigureText {

    private FigureText() {
    }

    public static String downtime(MigrationMetrics m) {
        if (m.completion().finished() && m.downtimeNs() < 0 && m.hypervisor() != null) {
            // a real guest has no agent of ours inside to see the first probe arrive; its hypervisor's stop is what is known
            return "not seen inside the guest (stopped → resumed " + Units.ms(m.hypervisor().hostDowntimeNs(), 1) + ")";
        }
        return m.completion().finished() ? Units.msOrNone(m.downtimeNs(), 1) : "did not finish";
    }

    public static String migrationTime(MigrationMetrics m) {
        return m.completion().finished() ? Units.msOrNone(m.migrationTimeNs(), 1) : "did not finish";
    }

    public static String gap(MigrationMetrics m) {
        if (!m.completion().finished()) {
            return "did not finish";
        }
        if (m.flows().isEmpty()) {
            return "not measured";
        }
        if (m.allProbesLost()) {
            return "every probe lost";
        }
        if (!m.reachableAfter()) {
            return "unreachable after";
        }
        return Units.msOrNone(m.clientGapNs(), 1);
    }

    public static String latencyAfter(MigrationMetrics m) {
        if (!m.completion().finished()) {
            return "did not finish";
        }
        return m.latencyAfterNs() >= 0 ? Units.msOrNone(m.latencyAfterNs(), 1) : "no echo";
    }

    public static String reachable(MigrationMetrics m) {
        if (!m.completion().finished()) {
            return "— (the migration did not finish)";
        }
        if (m.flows().isEmpty()) {
            return "— (no probe flow measured it)";
        }
        return m.reachableAfter() ? "yes, at " + m.address() : "NO: no echo came back after the VM resumed at " + m.to();
    }

    /** "6 of 127 sent", "102 of 127 sent (none came back)". */
    public static String lost(MigrationMetrics m) {
        return m.probesLost() + " of " + m.probesSent() + " sent" + (m.allProbesLost() ? " (none came back)" : "");
    }

    /**
     * The hypervisor's own downtime held to the migration's limit: "21 ms (host 31 ms), within the
     * 300 ms limit", "704 ms (host 731 ms), OVER the 300 ms limit"; "—" when the memory copy was modelled.
     */
    public static String hypervisorDowntime(MigrationMetrics m) {
        HypervisorReport h = m.hypervisor();
        if (h == null) {
            return Units.NONE;
        }
        if (!m.completion().finished()) {
            return "did not finish";
        }
        String figure = h.downtimeNs() >= 0 ? Units.ms(h.downtimeNs(), 0) + " (host " + Units.ms(h.hostDowntimeNs(), 0) + ")"
                : Units.ms(h.hostDowntimeNs(), 0) + " (host; it reported none of its own)";
        long limit = m.completion().downtimeLimitNs();
        if (limit <= 0) {
            return figure;
        }
        return figure + (m.downtimeOverLimit() ? ", OVER the " : ", within the ") + Units.ms(limit, 0) + " limit";
    }

    /** "converged in 3 of 30 rounds", "did not converge: 30 of 30 rounds", "cold migration" or "—". */
    public static String preCopy(MigrationMetrics m) {
        Completion c = m.completion();
        if (c.converged() == null) {
            return m.mode().startsWith("cold") ? "cold migration (no pre-copy)" : "—";
        }
        String rounds = c.maxRounds() > 0 ? c.preCopyRounds() + " of " + c.maxRounds() + " rounds" : c.preCopyRounds() + " passes";
        return c.converged() ? "converged in " + rounds : "did NOT converge: " + rounds + ", downtime limit " + Units.msOrNone(c.downtimeLimitNs(), 1) + " exceeded";
    }

    /** One line of a migration's table: what the figure is, and the figure in words. */
    public record Row(String label, String value) {
    }

    /** A migration's figures in the order the CLI's {@code emulate} and the HTML report list them. */
    public static List<Row> rows(MigrationMetrics m) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("switching time", m.switchingTimeNs() == null ? "— (not part of this scheme)" : Units.msOrNone(m.switchingTimeNs(), 1)));
        rows.add(new Row("VM downtime", downtime(m)));
        if (m.hypervisor() != null) {
            rows.add(new Row(m.hypervisor().hypervisor() + " downtime", hypervisorDowntime(m)));
        }
        rows.add(new Row("migration time", migrationTime(m)));
        rows.add(new Row("pre-copy", preCopy(m)));
        rows.add(new Row("client gap", gap(m)));
        rows.add(new Row("probes lost", lost(m)));
        rows.add(new Row("latency before → after", Units.msOrNone(m.latencyBeforeNs(), 1) + " → " + latencyAfter(m)));
        rows.add(new Row("reachable after", reachable(m)));
        rows.add(new Row("path before", m.pathBefore().isEmpty() ? "—" : m.pathBefore()));
        rows.add(new Row("path after", m.pathAfter().isEmpty() ? "—" : m.pathAfter()));
        return rows;
    }
}
