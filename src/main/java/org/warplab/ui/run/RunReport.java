package org.warplab.ui.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javafx.scene.SnapshotParameters;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Units;
import org.warplab.model.Migration;
import org.warplab.model.ProbeFlow;
import org.warplab.run.FigureText;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.ProbeSeries;
import org.warplab.run.RunResult;
import org.warplab.ui.canvas.Exporter;
import org.warplab.ui.common.CanvasChart;
import org.warplab.ui.common.Theme;

/**
 * A run as one self-contained HTML file: the lab's picture, its parameters, every migration's
 * figures and phases, the phase bar and the probe chart as images (PNG, embedded as base64).
 * Built on the FX thread (charts are snapshot).
 */
final class RunReport {
    private static final double CHART_WIDTH = 960;

    private RunReport() {
    }

    static void write(RunRecord run, ReadoutPane readout, Theme theme, Path file) throws IOException {
        LabFiles.writeAtomically(file, html(run, theme).getBytes(StandardCharsets.UTF_8));
    }

    static String html(RunRecord run, Theme theme) throws IOException {
        RunResult r = run.result();
        Lab lab = run.lab();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(r.lab())).append(" — WarpLab run report</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;color:#1d232b}"
                        + "table{border-collapse:collapse;margin:0.5em 0 1.2em}td,th{border:1px solid #c9ced6;padding:3px 8px;text-align:left}"
                        + "th{background:#eef0f3}.big td{font-size:1.3em}.caveats li{color:#8a1c1c;font-weight:600}img{max-width:100%;border:1px solid #c9ced6}</style></head><body>\n");
        h.append("<h1>").append(esc(r.lab())).append("</h1>\n<p>Scheme <b>").append(esc(r.scheme())).append("</b>, ")
                .append(r.runtime().equals("emulator") ? "emulated with seed " + r.seed() : "run live").append(", ")
                .append(esc(TraceText.ms(r.endNs()))).append(" of ").append(r.runtime().equals("emulator") ? "virtual " : "").append("time, ")
                .append(run.trace().size()).append(" trace events.</p>\n");
        if (!lab.description().isBlank()) {
            h.append("<p class=\"description\">").append(esc(lab.description()).replace("\n", "<br>")).append("</p>\n");
        }
        h.append("<h2>The lab</h2>\n<img alt=\"the lab\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Exporter.pngBytes(lab, theme, true))).append("\">\n");
        h.append("<h2>Parameters</h2>\n<table><tr><th>link</th><th>ends</th><th>kind</th><th>delay</th><th>bandwidth</th><th>loss</th></tr>\n");
        for (Link l : lab.links()) {
            h.append("<tr><td>").append(esc(l.id())).append("</td><td>").append(esc(l.a() + " – " + l.b())).append("</td><td>")
                    .append(esc(l.kind().name().toLowerCase(Locale.ROOT))).append("</td><td>").append(esc(Units.msExactWithUnit(l.delayNs()))).append("</td><td>")
                    .append(esc(bandwidth(l.bandwidthBps()))).append("</td><td>").append(esc(percent(l.lossPercent()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append(schemeSettings(lab));
        h.append("<table><tr><th>migration</th><th>VM</th><th>to</th><th>at</th><th>mode</th><th>storage</th><th>downtime limit</th></tr>\n");
        for (Migration m : lab.migrations()) {
            h.append("<tr><td>").append(esc(m.id())).append("</td><td>").append(esc(m.vm())).append("</td><td>").append(esc(m.to()))
                    .append("</td><td>").append(esc(Units.msExactWithUnit(m.atNs()))).append("</td><td>").append(esc(m.mode().name().toLowerCase(Locale.ROOT)))
                    .append("</td><td>").append(esc(m.storage().name().toLowerCase(Locale.ROOT))).append("</td><td>")
                    .append(esc(Units.msExactWithUnit(m.downtimeLimitNs()))).append("</td></tr>\n");
        }
        h.append("</table>\n<table><tr><th>probe flow</th><th>from</th><th>to</th><th>kind</th><th>every</th><th>bytes</th></tr>\n");
        for (ProbeFlow f : lab.traffic()) {
            h.append("<tr><td>").append(esc(f.id())).append("</td><td>").append(esc(f.client())).append("</td><td>").append(esc(f.vm()))
                    .append("</td><td>").append(esc(f.kind().key())).append("</td><td>").append(esc(Units.msExactWithUnit(f.intervalNs())))
                    .append("</td><td>").append(f.packetBytes()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        ProbeSeries series = ProbeSeries.of(run.trace());
        for (MigrationMetrics m : r.migrations()) {
            h.append("<h2>Migration ").append(esc(m.migration())).append(": ").append(esc(m.vm() + " (" + m.address() + ") " + m.from() + " → " + m.to()))
                    .append(", ").append(esc(m.mode())).append("</h2>\n<table class=\"big\">\n");
            FigureText.rows(m).forEach(figure -> row(h, figure.label(), figure.value()));
            h.append("</table>\n");
            if (!m.caveats().isEmpty()) {
                h.append("<ul class=\"caveats\">\n");
                m.caveats().forEach(c -> h.append("<li>").append(esc(c)).append("</li>\n"));
                h.append("</ul>\n");
            }
            h.append("<h3>Where the time went</h3>\n");
            h.append(image("phase bar of " + m.migration(), phaseBarPng(m, theme)));
            h.append("<table><tr><th>phase</th><th>from</th><th>to</th><th>lasted</th></tr>\n");
            for (Phase p : m.phases()) {
                h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(esc(TraceText.ms(p.startNs()))).append("</td><td>")
                        .append(esc(TraceText.ms(p.endNs()))).append("</td><td>").append(esc(TraceText.ms(p.durationNs()))).append("</td></tr>\n");
            }
            h.append("</table>\n<h3>Probes</h3>\n").append(image("probe chart of " + m.migration(), probeChartPng(series, r.endNs(), m.gapMeasured() ? m.clientGapNs() : -1, theme)));
        }
        if (r.migrations().isEmpty()) {
            h.append("<h2>Probes</h2>\n").append(image("probe chart", probeChartPng(series, r.endNs(), -1, theme)));
        }
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            r.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        if (!r.migrations().isEmpty()) {
            h.append("<h2>What the figures mean</h2>\n<dl>\n<dt>switching time</dt><dd>").append(esc(org.warplab.run.MetricDefinitions.SWITCHING))
                    .append("</dd>\n<dt>VM downtime</dt><dd>").append(esc(org.warplab.run.MetricDefinitions.DOWNTIME))
                    .append("</dd>\n<dt>client gap</dt><dd>").append(esc(org.warplab.run.MetricDefinitions.CLIENT_GAP)).append("</dd>\n</dl>\n");
        }
        h.append("<p><small>Written by WarpLab.</small></p>\n</body></html>\n");
        return h.toString();
    }

    private static String bandwidth(long bps) {
        return bps <= 0 ? "unlimited" : Units.bandwidth(bps);
    }

    private static String percent(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + " %";
    }

    /** The settings of the scheme in use, field by field as the lab file names them (nested values as compact JSON). */
    static String schemeSettings(Lab lab) {
        StringBuilder h = new StringBuilder("<h3>Scheme settings: " + esc(lab.scheme().label()) + "</h3>\n");
        com.fasterxml.jackson.databind.JsonNode settings;
        try {
            settings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(LabFiles.toJson(lab)).path("schemes").path(lab.scheme().key());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!settings.isObject() || settings.isEmpty()) {
            return h.append("<p>This baseline has no settings.</p>\n").toString();
        }
        h.append("<table><tr><th>setting</th><th>value</th></tr>\n");
        settings.fields().forEachRemaining(f -> h.append("<tr><td>").append(esc(f.getKey())).append("</td><td>")
                .append(esc(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString())).append("</td></tr>\n"));
        return h.append("</table>\n").toString();
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String image(String alt, byte[] png) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
    }

    static byte[] phaseBarPng(MigrationMetrics m, Theme theme) throws IOException {
        PhaseBar bar = new PhaseBar();
        bar.setTheme(theme);
        bar.setPhases(m.phases());
        return snapshot(bar, CHART_WIDTH, 110);
    }

    static byte[] probeChartPng(ProbeSeries series, long endNs, long gapNs, Theme theme) throws IOException {
        ProbeChart chart = new ProbeChart();
        chart.setTheme(theme);
        chart.setData(series, endNs, gapNs);
        return snapshot(chart, CHART_WIDTH, 300);
    }

    private static byte[] snapshot(CanvasChart chart, double width, double height) throws IOException {
        chart.resize(width, height);
        chart.layout();
        chart.repaint();
        return Exporter.png(chart.snapshot());
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
