package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dot layer clears, copies and uploads only what the frames touched: after any sequence of
 * frames its picture, and the image JavaFX is handed, equal the same frame blended from scratch.
 */
@ExtendWith(ApplicationExtension.class)
class DotLayerTest {

    private static final int W = 320;
    private static final int H = 200;
    private static final int DOT = 12;

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs (sprites are drawn on a canvas)
    }

    /** One frame: {@code count} dots with trails at random places, some half off the picture's edges. */
    private static void frame(DotLayer layer, long seed, int count) {
        Random random = new Random(seed);
        layer.begin(W, H, DOT);
        ReplayOverlay.Colour[] colours = ReplayOverlay.Colour.values();
        for (int i = 0; i < count; i++) {
            ReplayOverlay.Colour c = colours[random.nextInt(colours.length)];
            double x = random.nextDouble() * (W + 20) - 10;
            double y = random.nextDouble() * (H + 20) - 10;
            for (int k = 0; k < DotLayer.TRAIL_STAMPS; k++) {
                layer.stamp(c, k, x - (k + 1) * DOT, y + (k + 1) * 3);
            }
            layer.dot(c, x, y);
        }
    }

    private static int[] uploaded(Image image) {
        int[] out = new int[W * H];
        image.getPixelReader().getPixels(0, 0, W, H, PixelFormat.getIntArgbPreInstance(), out, 0, W);
        return out;
    }

    @Test
    void afterEverySequenceOfMovesThePictureEqualsAFullRedraw() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            DotLayer moving = new DotLayer();
            // many dots, then few in one corner (what the many left must be cleared), then none, then many again
            int[] counts = {300, 40, 3, 0, 0, 250, 1, 120};
            for (int f = 0; f < counts.length; f++) {
                frame(moving, 1000 + f, counts[f]);
                Image shown = moving.finish();
                DotLayer fresh = new DotLayer();
                frame(fresh, 1000 + f, counts[f]);
                Image expected = fresh.finish();
                assertArrayEquals(fresh.pixels(), moving.pixels(), "frame " + f + ": the blended picture");
                assertArrayEquals(uploaded(expected), uploaded(shown), "frame " + f + ": the picture JavaFX is handed");
                if (counts[f] == 0) {
                    assertNull(moving.drawnArea(), "frame " + f + ": nothing drawn, nothing to copy");
                    assertTrue(java.util.Arrays.stream(uploaded(shown)).allMatch(p -> p == 0), "frame " + f + ": clear");
                }
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theDrawnAreaHoldsEveryPixelBlendedAndNoMore() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            DotLayer layer = new DotLayer();
            layer.begin(W, H, DOT);
            layer.dot(ReplayOverlay.Colour.PROBE, 50, 60);
            layer.dot(ReplayOverlay.Colour.ECHO, 100, 40);
            layer.finish();
            Rectangle2D area = layer.drawnArea();
            int[] pixels = layer.pixels();
            int minX = W;
            int minY = H;
            int maxX = -1;
            int maxY = -1;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (pixels[y * W + x] != 0) {
                        minX = Math.min(minX, x);
                        minY = Math.min(minY, y);
                        maxX = Math.max(maxX, x);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            assertEquals(new Rectangle2D(minX, minY, maxX + 1 - minX, maxY + 1 - minY), area);
            return null;
        }).get(30, TimeUnit.SECONDS);
    }
}
