package org.warplab.ui.canvas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.ui.common.Theme;

/** Writes the drawing of a lab as PNG (at twice the size, for slides) or SVG (for handouts). */
public final class Exporter {

    private static final double MARGIN = 30;
    private static final double MAX_PIXELS = 8000;

    private Exporter() {
    }

    private static Rectangle2D area(Lab lab) {
        Rectangle2D e = new LabLayout(lab, Map.of()).extent();
        return new Rectangle2D(e.getMinX() - MARGIN, e.getMinY() - MARGIN, Math.max(100, e.getWidth() + 2 * MARGIN),
                Math.max(100, e.getHeight() + 2 * MARGIN));
    }

    public static void png(Lab lab, Theme theme, boolean labels, Path file) throws IOException {
        LabFiles.writeAtomically(file, pngBytes(lab, theme, labels));
    }

    /** The drawing as PNG bytes (2× where the lab is small enough), for files and reports. */
    public static byte[] pngBytes(Lab lab, Theme theme, boolean labels) throws IOException {
        Rectangle2D area = area(lab);
        double scale = Math.min(2, MAX_PIXELS / Math.max(area.getWidth(), area.getHeight()));
        Canvas canvas = new Canvas(Math.ceil(area.getWidth() * scale), Math.ceil(area.getHeight() * scale));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(theme.background());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setTransform(scale, 0, 0, scale, -area.getMinX() * scale, -area.getMinY() * scale);
        new LabPainter(theme).paint(new FxSurface(g, theme.fontFamily(), scale), lab, new LabLayout(lab, Map.of()),
                java.util.Set.of(), java.util.Set.of(), labels, null);
        WritableImage image = canvas.snapshot(new SnapshotParameters(), null);
        return png(image);
    }

    /** Any JavaFX image as PNG bytes. */
    public static byte[] png(javafx.scene.image.Image image) throws IOException {
        try (var out = new java.io.ByteArrayOutputStream()) {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out);
            return out.toByteArray();
        }
    }

    public static String svg(Lab lab, Theme theme, boolean labels) {
        Rectangle2D area = area(lab);
        SvgSurface surface = new SvgSurface(theme.fontFamily().equals("System") ? "sans-serif" : theme.fontFamily());
        new LabPainter(theme).paint(surface, lab, new LabLayout(lab, Map.of()), java.util.Set.of(), java.util.Set.of(), labels, null);
        return surface.document(area.getMinX(), area.getMinY(), area.getWidth(), area.getHeight(), theme.background());
    }

    public static void svg(Lab lab, Theme theme, boolean labels, Path file) throws IOException {
        LabFiles.writeAtomically(file, svg(lab, theme, labels).getBytes(StandardCharsets.UTF_8));
    }
}
