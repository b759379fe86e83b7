package org.warplab.lesson;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.warplab.model.Units;
import org.warplab.model.lesson.Figure;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;

/** A run's own figures, by the names lessons and goals use for them. */
public final class Figures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");

    private Figures() {
    }

    /** The figure in nanoseconds, or empty when the run has none (no switching step, nothing measured). */
    public static Optional<Long> value(Figure figure, MigrationMetrics m) {
        long ns = switch (figure) {
            case CLIENT_GAP -> m.clientGapNs();
            case DOWNTIME -> m.downtimeNs();
            case SWITCHING -> m.switchingTimeNs() == null ? -1 : m.switchingTimeNs();
            case MIGRATION_TIME -> m.migrationTimeNs();
        };
        return ns < 0 ? Optional.empty() : Optional.of(ns);
    }

    /** The migration {@code id} of the run, or the run's first when {@code id} is empty. */
    public static Optional<MigrationMetrics> migration(RunResult result, Optional<String> id) {
        List<MigrationMetrics> all = result.migrations();
        if (id.isEmpty()) {
            return all.stream().findFirst();
        }
        return all.stream().filter(m -> m.migration().equals(id.get())).findFirst();
    }

    public static String ms(long ns) {
        return Units.ms(ns, 1);
    }

    /** The figure as shown: "412.3 ms", or "not measured" (with why) when the run has none. */
    public static String shown(Figure figure, MigrationMetrics m) {
        return value(figure, m).map(Figures::ms).orElse(figure == Figure.SWITCHING
                ? "none (the scheme has no switching step)" : "not measured (no probe came back)");
    }

    /**
     * Replaces {@code {client-gap}}, {@code {downtime}}, {@code {switching}}, {@code {migration-time}},
     * {@code {probes-lost}} and {@code {path-after}} in {@code text} by the figures of {@code m}; an
     * unknown name stays as it is.
     */
    public static String fill(String text, MigrationMetrics m) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "probes-lost" -> m.probesLost() + " of " + m.probesSent();
                case "path-after" -> m.pathAfter().isEmpty() ? "no path (no echo came back)" : m.pathAfter();
                default -> org.warplab.model.Keyed.byKey(Figure.class, name).map(f -> shown(f, m)).orElse(matcher.group());
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
