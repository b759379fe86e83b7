package org.warplab.ui.canvas;

import java.util.Locale;
import javafx.scene.paint.Color;

/** Writes what the painter draws as an SVG document, for slides and handouts. */
final class SvgSurface implements Surface {

    private final StringBuilder body = new StringBuilder();
    private final String fontFamily;

    SvgSurface(String fontFamily) {
        this.fontFamily = fontFamily;
    }

    /** The finished document for the area (x, y, w, h) of the lab. */
    String document(double x, double y, double w, double h, Color background) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.1f %.1f %.1f %.1f\" width=\"%.0f\" height=\"%.0f\">%n",
                        x, y, w, h, w, h)
                + String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n", x, y, w, h, css(background))
                + body + "</svg>\n";
    }

    private static String css(Color c) {
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255)) ;
    }

    private static String opacity(String attribute, Color c) {
        return c.getOpacity() < 1 ? String.format(Locale.ROOT, " %s-opacity=\"%.2f\"", attribute, c.getOpacity()) : "";
    }

    private static String dashes(double[] dashes) {
        if (dashes == null || dashes.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(" stroke-dasharray=\"");
        for (int i = 0; i < dashes.length; i++) {
            out.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", dashes[i]));
        }
        return out.append('"').toString();
    }

    @Override
    public void fillRect(double x, double y, double w, double h, double arc, Color fill) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" fill=\"%s\"%s/>%n",
                x, y, w, h, arc / 2, css(fill), opacity("fill", fill)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, double arc, Color stroke, double width, double[] d) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s/>%n",
                x, y, w, h, arc / 2, css(stroke), width, dashes(d), opacity("stroke", stroke)));
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Color fill) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"%s/>%n",
                cx, cy, r, css(fill), opacity("fill", fill)));
    }

    @Override
    public void strokeCircle(double cx, double cy, double r, Color stroke, double width) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n",
                cx, cy, r, css(stroke), width));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color stroke, double width, double[] d) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, css(stroke), width, dashes(d)));
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Color fill, Align align) {
        String anchor = align == Align.LEFT ? "start" : align == Align.RIGHT ? "end" : "middle";
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-family=\"%s\" font-size=\"%.1f\"%s text-anchor=\"%s\" dominant-baseline=\"central\" fill=\"%s\">%s</text>%n",
                x, y, escape(fontFamily), size, bold ? " font-weight=\"bold\"" : "", anchor, css(fill), escape(text)));
    }

    @Override
    public void icon(String pathData, double x, double y, double size, Color fill) {
        body.append(String.format(Locale.ROOT, "<path transform=\"translate(%.1f %.1f) scale(%.4f)\" fill-rule=\"evenodd\" fill=\"%s\" d=\"%s\"/>%n",
                x, y, size / 24, css(fill), pathData));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
