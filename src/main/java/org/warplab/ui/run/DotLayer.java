package org.warplab.ui.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
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
 *
 * <p>Only what a frame touched is cleared, copied and uploaded: the box around everything the last
 * frame blended and the box around this frame's ({@link #drawnArea()}: the canvas copies no more).
 */
final class DotLayer {

    /** Trail stamps behind a dot, one dot width apart, smaller and fainter the further back. */
    static final int TRAIL_STAMPS = 4;

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private IntBuffer buffer;
    /**
     * The same pixels through a view of our own: the render thread moves the buffer's position and
     * limit while it uploads the last frame, as this thread writes the next (the bench hit
     * IndexOutOfBounds writing through the shared one).
     */
    private IntBuffer writer;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private WritableImage image;

    /** This frame's and the last frame's drawn boxes: min x, min y, max x, max y (exclusive); empty when min ≥ max. */
    private final int[] drawn = new int[4];
    private final int[] lastDrawn = new int[4];

    private int spritePixels;
    private final Sprite[] dots = new Sprite[ReplayOverlay.Colour.values().length];
    private final Sprite[][] stamps = new Sprite[ReplayOverlay.Colour.values().length][];

    /**
     * A premultiplied ARGB square and, per row, the span of columns that are not transparent:
     * the blend walks only those (a disc leaves a fifth of its square's corners empty).
     */
    private record Sprite(int size, int[] argb, int[] rowFrom, int[] rowTo) {
        static Sprite of(int size, int[] argb) {
            int[] from = new int[size];
            int[] to = new int[size];
            for (int y = 0; y < size; y++) {
                int first = size;
                int last = -1;
                for (int x = 0; x < size; x++) {
                    if (argb[y * size + x] >>> 24 != 0) {
                        first = Math.min(first, x);
                        last = x;
                    }
                }
                from[y] = first;
                to[y] = last + 1;
            }
            return new Sprite(size, argb, from, to);
        }
    }

    /** Starts a frame of {@code w}×{@code h} pixels with dots {@code dotPixels} across: a clear picture. */
    void begin(int w, int h, int dotPixels) {
        w = Math.max(1, w);
        h = Math.max(1, h);
        if (w != width || h != height) {
            width = w;
            height = h;
            pixels = new int[w * h];
            buffer = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            writer = buffer.duplicate();
            pixelBuffer = new PixelBuffer<>(w, h, buffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            empty(lastDrawn);
        } else {
            // the frames before wrote only inside their drawn boxes (this one's too, if it was never finished): clearing those clears the picture
            int x0 = Math.min(lastDrawn[0], drawn[0]);
            int x1 = Math.max(lastDrawn[2], drawn[2]);
            for (int y = Math.min(lastDrawn[1], drawn[1]), to = Math.max(lastDrawn[3], drawn[3]); y < to && x0 < x1; y++) {
                Arrays.fill(pixels, y * width + x0, y * width + x1, 0);
            }
        }
        empty(drawn);
        if (dotPixels != spritePixels) {
            spritePixels = dotPixels;
            Arrays.fill(dots, null);
            Arrays.fill(stamps, null);
        }
    }

    private static void empty(int[] box) {
        box[0] = Integer.MAX_VALUE;
        box[1] = Integer.MAX_VALUE;
        box[2] = Integer.MIN_VALUE;
        box[3] = Integer.MIN_VALUE;
    }

    private static boolean isEmpty(int[] box) {
        return box[0] >= box[2] || box[1] >= box[3];
    }

    /** A dot of colour {@code c} centred at screen (x, y). */
    void dot(ReplayOverlay.Colour c, double x, double y) {
        Sprite sprite = dots[c.ordinal()];
        if (sprite == null) {
            sprite = Sprite.of(spritePixels, render(c.color, spritePixels, spritePixels, 1, true));
            dots[c.ordinal()] = sprite;
        }
        blend(sprite, (int) Math.round(x - spritePixels / 2.0), (int) Math.round(y - spritePixels / 2.0));
    }

    /** The {@code i}-th trail stamp behind a dot of colour {@code c}, centred at screen (x, y). */
    void stamp(ReplayOverlay.Colour c, int i, double x, double y) {
        Sprite[] all = stamps[c.ordinal()];
        if (all == null) {
            all = new Sprite[TRAIL_STAMPS];
            for (int s = 0; s < TRAIL_STAMPS; s++) {
                int box = stampPixels(s);
                all[s] = Sprite.of(box, render(c.color.deriveColor(0, 1, 1, 0.55 - 0.13 * s), box, box, 1, false));
            }
            stamps[c.ordinal()] = all;
        }
        int box = all[i].size();
        blend(all[i], (int) Math.round(x - box / 2.0), (int) Math.round(y - box / 2.0));
    }

    /** The {@code i}-th stamp's size: 80 % of a dot, 15 % less each step back. */
    private int stampPixels(int i) {
        return (int) Math.max(3, Math.round(spritePixels * (0.8 - 0.15 * i)));
    }

    /**
     * The frame's picture, handed to the image (JavaFX uploads it when it renders): only the part
     * that changed since the last frame, the union of both frames' drawn boxes, is copied and uploaded.
     */
    Image finish() {
        int[] dirty = {Math.min(drawn[0], lastDrawn[0]), Math.min(drawn[1], lastDrawn[1]),
            Math.max(drawn[2], lastDrawn[2]), Math.max(drawn[3], lastDrawn[3])};
        System.arraycopy(drawn, 0, lastDrawn, 0, 4);
        if (isEmpty(dirty)) {
            return image;
        }
        pixelBuffer.updateBuffer(b -> {
            for (int y = dirty[1]; y < dirty[3]; y++) {
                int at = y * width + dirty[0];
                writer.put(at, pixels, at, dirty[2] - dirty[0]);
            }
            return new Rectangle2D(dirty[0], dirty[1], dirty[2] - dirty[0], dirty[3] - dirty[1]);
        });
        return image;
    }

    /** The box around everything this frame blended (screen pixels); null when it blended nothing. */
    Rectangle2D drawnArea() {
        return isEmpty(lastDrawn) ? null : new Rectangle2D(lastDrawn[0], lastDrawn[1], lastDrawn[2] - lastDrawn[0], lastDrawn[3] - lastDrawn[1]);
    }

    /** The picture as blended so far (premultiplied ARGB, row by row); for tests. */
    int[] pixels() {
        return pixels.clone();
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

    /** Source-over of a premultiplied sprite with its top left at (x0, y0), clipped to the picture. */
    private void blend(Sprite sprite, int x0, int y0) {
        int size = sprite.size();
        int fromY = Math.max(0, -y0);
        int toY = Math.min(size, height - y0);
        int clipFromX = Math.max(0, -x0);
        int clipToX = Math.min(size, width - x0);
        int[] argb = sprite.argb();
        int[] rowFrom = sprite.rowFrom();
        int[] rowTo = sprite.rowTo();
        int[] px = pixels;
        int minX = drawn[0];
        int maxX = drawn[2];
        int firstRow = -1;
        int lastRow = -1;
        for (int sy = fromY; sy < toY; sy++) {
            int fromX = Math.max(clipFromX, rowFrom[sy]);
            int toX = Math.min(clipToX, rowTo[sy]);
            if (fromX >= toX) {
                continue;
            }
            if (firstRow < 0) {
                firstRow = sy;
            }
            lastRow = sy;
            minX = Math.min(minX, x0 + fromX);
            maxX = Math.max(maxX, x0 + toX);
            int row = (y0 + sy) * width + x0;
            int srow = sy * size;
            for (int sx = fromX; sx < toX; sx++) {
                int s = argb[srow + sx];
                int a = s >>> 24;
                int at = row + sx;
                if (a == 255) {
                    px[at] = s;
                } else if (a != 0) {
                    int d = px[at];
                    int keep = 255 - a;
                    int rb = ((d & 0x00FF00FF) * keep + 0x00800080) >>> 8 & 0x00FF00FF;
                    int ag = (((d >>> 8) & 0x00FF00FF) * keep + 0x00800080) & 0xFF00FF00;
                    px[at] = s + rb + ag;
                }
            }
        }
        if (firstRow >= 0) {
            drawn[0] = minX;
            drawn[2] = maxX;
            drawn[1] = Math.min(drawn[1], y0 + firstRow);
            drawn[3] = Math.max(drawn[3], y0 + lastRow + 1);
        }
    }
}
