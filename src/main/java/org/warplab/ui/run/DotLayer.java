package org.warplab.ui.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The packets of one frame as one picture: every dot and trail stamp is a small pre-rendered
 * sprite blended into an int array here, on the FX thread, and the canvas draws the result with
 * one image copy. On the software pipeline each {@code drawImage} costs the render thread about a
 * microsecond whatever its size, so 2,000 dots with four trail stamps each (10,000 blits) took it
 * ~10 ms a frame; blending them here costs a few pixels each.
 */
final class DotLayer {

    /** Trail stamps behind a dot, one dot width apart, smaller and fainter the further back. */
    static final int TRAIL_STAMPS = 4;

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private IntBuffer buffer;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;

    private int spritePixels;
    private final Map<ReplayOverlay.Colour, int[]> dots = new EnumMap<>(ReplayOverlay.Colour.class);
    private final Map<ReplayOverlay.Colour, int[][]> stamps = new EnumMap<>(ReplayOverlay.Colour.class);

    /** Starts a frame of {@code w}×{@code h} pixels with dots {@code dotPixels} across: a clear picture. */
    void begin(int w, int h, int dotPixels) {
        w = Math.max(1, w);
        h = Math.max(1, h);
        if (w != width || h != height) {
            width = w;
            height = h;
            pixels = new int[w * h];
            buffer = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(w, h, buffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
        } else {
            Arrays.fill(pixels, 0);
        }
        if (dotPixels != spritePixels) {
            spritePixels = dotPixels;
            dots.clear();
            stamps.clear();
        }
    }

    /** A dot of colour {@code c} centred at screen (x, y). */
    void dot(ReplayOverlay.Colour c, double x, double y) {
        int[] sprite = dots.computeIfAbsent(c, k -> render(k.color, spritePixels, spritePixels, 1, true));
        blend(sprite, spritePixels, (int) Math.round(x - spritePixels / 2.0), (int) Math.round(y - spritePixels / 2.0));
    }

    /** The {@code i}-th trail stamp behind a dot of colour {@code c}, centred at screen (x, y). */
    void stamp(ReplayOverlay.Colour c, int i, double x, double y) {
        int[][] all = stamps.computeIfAbsent(c, k -> {
            int[][] out = new int[TRAIL_STAMPS][];
            for (int s = 0; s < TRAIL_STAMPS; s++) {
                int box = stampPixels(s);
                out[s] = render(k.color.deriveColor(0, 1, 1, 0.55 - 0.13 * s), box, box, 1, false);
            }
            return out;
        });
        int box = stampPixels(i);
        blend(all[i], box, (int) Math.round(x - box / 2.0), (int) Math.round(y - box / 2.0));
    }

    /** The {@code i}-th stamp's size: 80 % of a dot, 15 % less each step back. */
    private int stampPixels(int i) {
        return (int) Math.max(3, Math.round(spritePixels * (0.8 - 0.15 * i)));
    }

    /** The frame's picture, handed to the image (JavaFX uploads it when it renders). */
    Image finish() {
        pixelBuffer.updateBuffer(b -> {
            buffer.clear();
            buffer.put(pixels);
            buffer.clear();
            return new Rectangle2D(0, 0, width, height);
        });
        return image;
    }

    /** A disc of {@code diameter} pixels in a {@code box}-pixel square, premultiplied ARGB, optionally with a light rim. */
    private static int[] render(Color color, int box, double diameter, double rimWidth, boolean rim) {
        Canvas canvas = new Canvas(box, box);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double inset = (box - diameter) / 2 + 0.5;
        g.setFill(color);
        g.fillOval(inset, inset, diameter - 1, diameter - 1);
        if (rim) {
            g.setStroke(Color.WHITE.deriveColor(0, 1, 1, 0.8));
            g.setLineWidth(rimWidth);
            g.strokeOval(inset, inset, diameter - 1, diameter - 1);
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        WritableImage snap = canvas.snapshot(params, null);
        int[] out = new int[box * box];
        snap.getPixelReader().getPixels(0, 0, box, box, PixelFormat.getIntArgbPreInstance(), out, 0, box);
        return out;
    }

    /** Source-over of a premultiplied {@code size}² sprite with its top left at (x0, y0), clipped to the picture. */
    private void blend(int[] sprite, int size, int x0, int y0) {
        int fromX = Math.max(0, -x0);
        int fromY = Math.max(0, -y0);
        int toX = Math.min(size, width - x0);
        int toY = Math.min(size, height - y0);
        for (int sy = fromY; sy < toY; sy++) {
            int row = (y0 + sy) * width + x0;
            int srow = sy * size;
            for (int sx = fromX; sx < toX; sx++) {
                int s = sprite[srow + sx];
                int a = s >>> 24;
                if (a == 0) {
                    continue;
                }
                int at = row + sx;
                if (a == 255) {
                    pixels[at] = s;
                    continue;
                }
                int d = pixels[at];
                int keep = 255 - a;
                int rb = ((d & 0x00FF00FF) * keep + 0x00800080) >>> 8 & 0x00FF00FF;
                int ag = (((d >>> 8) & 0x00FF00FF) * keep + 0x00800080) & 0xFF00FF00;
                pixels[at] = s + rb + ag;
            }
        }
    }
}
