package org.warplab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.warplab.emulation.PaperReproduction;
import org.warplab.emulation.PaperReproduction.Report;
import org.warplab.emulation.PaperReproduction.Row;
import org.warplab.model.ProfileValue;

/** A paper's reproduction as a text table, CSV, or an HTML page: the same rows, the same numbers. */
final class ReproductionTable {

    private ReproductionTable() {
    }

    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(report.paper().title()).append('\n');
        out.append("testbed ").append(report.paper().testbed().key()).append(" (").append(report.paper().testbed().label()).append("), ")
                .append(report.runs()).append(" runs per experiment, seeds ").append(report.firstSeed()).append("..")
                .append(report.firstSeed() + report.runs() - 1).append("\n\n");
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"figure", "paper", "WarpLab mean ± σ", "ratio", "within", "basis"});
        for (Row row : report.rows()) {
            cells.add(new String[] {row.figure(), paperValue(row), measured(row), ratio(row), within(row), row.basis().label()});
        }
        int[] widths = new int[6];
        cells.forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                widths[i] = Math.max(widths[i], c[i].length());
            }
        });
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                boolean number = i >= 1 && i <= 3;
                String cell = number ? " ".repeat(widths[i] - c[i].length()) + c[i] : c[i] + " ".repeat(widths[i] - c[i].length());
                line.append(cell).append(i < c.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n');
        for (Row row : report.rows()) {
            out.append("  ").append(row.figure()).append(": paper ").append(row.paperText()).append("; ").append(row.note()).append('\n');
        }
        out.append("\nDefinitions (the paper's, quoted; WarpLab's beside):\n");
        for (PaperReproduction.Definition d : report.definitions()) {
            out.append("  ").append(d.metric()).append("\n    paper:   ").append(d.paperQuote()).append("\n    WarpLab: ").append(d.warplab())
                    .append('\n');
        }
        out.append("\nProfile values (docs/fidelity.md):\n");
        for (ProfileValue v : report.paper().testbed().overheads()) {
            out.append("  ").append(v.overhead().label()).append(": ").append(v.spread().describe()).append(" — ")
                    .append(v.source().kind().label()).append(": ").append(v.source().text()).append('\n');
        }
        report.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
        long within = report.rows().stream().filter(Row::within).count();
        long checked = report.rows().stream().filter(Row::checked).count();
        out.append(String.format(Locale.ROOT, "%d fitted rows (agreement there proves nothing), %d predicted rows (the test); "
                + "%d of %d checked rows within tolerance (mean ±%.0f %%, σ ±%.0f %%)%n", report.fitted(), report.predicted(), within, checked,
                PaperReproduction.MEAN_TOLERANCE * 100, PaperReproduction.SIGMA_TOLERANCE * 100));
        return out.toString();
    }

    static String csvHeader() {
        return "paper,figure,unit,paper_value,paper_text,mean,sd,ratio,tolerance,within,basis,note\n";
    }

    static String csvRows(Report report) {
        StringBuilder out = new StringBuilder();
        for (Row row : report.rows()) {
            out.append(String.join(",", report.paper().key(), csv(row.figure()), row.unit(), number(row.paper()), csv(row.paperText()),
                    number(row.mean()), number(row.sd()), number(row.ratio()), number(row.tolerance()),
                    row.checked() ? String.valueOf(row.within()) : "", row.basis().label(), csv(row.note()))).append('\n');
        }
        return out.toString();
    }

    static String html(List<Report> reports) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>WarpLab reproduction</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}"
                + "td.n{text-align:right}tr.fitted td{color:#666}.miss{color:#b00;font-weight:bold}</style></head><body>\n");
        for (Report report : reports) {
            out.append("<h2>").append(escape(report.paper().title())).append("</h2>\n<p>testbed ").append(escape(report.paper().testbed().label()))
                    .append(", ").append(report.runs()).append(" runs per experiment, first seed ").append(report.firstSeed()).append("</p>\n");
            out.append("<table><tr><th>figure</th><th>paper</th><th>WarpLab mean ± σ</th><th>ratio</th><th>within</th><th>basis</th><th>note</th></tr>\n");
            for (Row row : report.rows()) {
                out.append("<tr class=\"").append(row.basis().label()).append("\"><td>").append(escape(row.figure())).append("</td><td>")
                        .append(escape(row.paperText())).append("</td><td class=\"n\">").append(escape(measured(row))).append("</td><td class=\"n\">")
                        .append(ratio(row)).append("</td><td").append(row.checked() && !row.within() ? " class=\"miss\"" : "").append('>')
                        .append(escape(within(row))).append("</td><td>").append(row.basis().label()).append("</td><td>").append(escape(row.note()))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n<h3>Definitions</h3>\n<dl>\n");
            for (PaperReproduction.Definition d : report.definitions()) {
                out.append("<dt>").append(escape(d.metric())).append("</dt><dd>paper: ").append(escape(d.paperQuote())).append("<br>WarpLab: ")
                        .append(escape(d.warplab())).append("</dd>\n");
            }
            out.append("</dl>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String paperValue(Row row) {
        return Double.isNaN(row.paper()) ? "(in words)" : format(row.paper()) + " " + row.unit();
    }

    private static String measured(Row row) {
        return format(row.mean()) + (Double.isNaN(row.sd()) ? "" : " ± " + format(row.sd())) + " " + row.unit();
    }

    private static String ratio(Row row) {
        return Double.isNaN(row.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", row.ratio());
    }

    private static String within(Row row) {
        if (!row.checked()) {
            return "not checked";
        }
        if (row.range() != null) {
            return (row.within() ? "yes" : "NO") + " (" + row.range().reading() + ")";
        }
        return (row.within() ? "yes" : "NO") + String.format(Locale.ROOT, " (±%.0f %%)", row.tolerance() * 100);
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
