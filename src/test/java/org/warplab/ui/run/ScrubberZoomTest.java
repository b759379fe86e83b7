package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.warplab.emulation.Emulator;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;
import org.warplab.testing.Samples;

/** Issue 13, item 3: the scrubber zooms into the downtime ± 50 ms and back, by key, button and wheel, and shows that it is zoomed. */
@ExtendWith(ApplicationExtension.class)
class ScrubberZoomTest {

    @Start
    void start(Stage stage) {
        // the toolkit is all this test needs
    }

    private static ScrollEvent wheel(double x, double deltaY) {
        return new ScrollEvent(ScrollEvent.SCROLL, x, 15, 0, 0, false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    private static KeyEvent key(KeyCode code) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
    }

    @Test
    void zoomsIntoTheDowntimeOfThePapersLabAndBack() throws Exception {
        Emulator.Outcome run = Emulator.run(Samples.lab("paging-paper"), Emulator.Options.defaults(1));
        MigrationMetrics m = run.result().migrations().get(0);
        long paused = run.trace().ofType(TraceEvent.VmPaused.class).get(0).timeNs();
        long[] window = Scrubber.downtimeWindow(run.result(), run.trace());
        assertNotNull(window);
        assertArrayEquals(new long[] {paused - 50_000_000L, paused + m.downtimeNs() + 50_000_000L}, window, "the downtime (27.0 ms) ± 50 ms");

        List<Long> seeks = new ArrayList<>();
        Scrubber scrubber = new Scrubber(seeks::add);
        scrubber.resize(816, 34);
        List<Phase> phases = new ArrayList<>(m.phases());
        scrubber.setData(run.result().endNs(), phases, List.of());
        scrubber.setFocus(window[0], window[1]);
        assertFalse(scrubber.isZoomed());
        assertEquals("whole run", scrubber.zoomText());

        // Z: into the downtime's window; the label names it and the factor, the button is down
        scrubber.fireEvent(key(KeyCode.Z));
        assertTrue(scrubber.isZoomed());
        assertEquals(window[0], scrubber.windowStart());
        assertEquals(window[1], scrubber.windowEnd());
        assertTrue(scrubber.zoomButton().isSelected());
        assertEquals("1407.2–1534.2 ms ×31", scrubber.zoomText());
        // a press seeks inside the window: the middle of the bar is the middle of the window, not of the run
        scrubber.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_PRESSED, 408, 15, 408, 15,
                javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null));
        long middle = (window[0] + window[1]) / 2;
        assertTrue(Math.abs(seeks.get(seeks.size() - 1) - middle) < 200_000, "seek " + seeks + " near " + middle);
        // the downtime is wide: 27 ms of an 800 px bar over 127 ms
        assertTrue(scrubber.xOf(paused + m.downtimeNs()) - scrubber.xOf(paused) > 150);

        // Z again: the whole run
        scrubber.fireEvent(key(KeyCode.Z));
        assertFalse(scrubber.isZoomed());
        assertFalse(scrubber.zoomButton().isSelected());

        // the wheel zooms about the pointer, which keeps its instant; 0 shows the whole run
        double x = scrubber.xOf(paused);
        scrubber.fireEvent(wheel(x, 40));
        scrubber.fireEvent(wheel(x, 40));
        assertTrue(scrubber.isZoomed());
        assertEquals(run.result().endNs() / 4.0, scrubber.windowEnd() - scrubber.windowStart(), 2);
        assertEquals(x, scrubber.xOf(paused), 1.0, "the instant under the pointer stays there");
        scrubber.fireEvent(wheel(x, -40));
        assertEquals(run.result().endNs() / 2.0, scrubber.windowEnd() - scrubber.windowStart(), 2);
        scrubber.fireEvent(key(KeyCode.DIGIT0));
        assertFalse(scrubber.isZoomed());

        // the button does what Z does; + and − on the focused scrubber zoom about the playhead
        scrubber.zoomButton().fire();
        assertEquals(window[0], scrubber.windowStart());
        scrubber.zoomButton().fire();
        assertFalse(scrubber.isZoomed());
        scrubber.setTime(paused);
        scrubber.fireEvent(key(KeyCode.EQUALS));
        assertTrue(scrubber.isZoomed());
        assertTrue(scrubber.windowStart() <= paused && paused <= scrubber.windowEnd());
        scrubber.fireEvent(key(KeyCode.MINUS));
        assertFalse(scrubber.isZoomed());

        // never narrower than the least window, never outside the run
        for (int i = 0; i < 40; i++) {
            scrubber.fireEvent(wheel(5, 40));
        }
        assertEquals(Scrubber.MIN_WINDOW_NS, scrubber.windowEnd() - scrubber.windowStart());
        assertTrue(scrubber.windowStart() >= 0);
    }
}
