package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.warplab.testing.Samples;

/**
 * Issue 14, point 7: the first frame styles and lays out only what it shows (the Inspector and the
 * Problems list); the Scheme, Plan, Lesson, Configs, Run, Compare and Sweep views are built when
 * first selected, and the views asked for by code are the ones the tabs then show.
 * (The time to the painted frame is StartupBench's, not a test's.)
 */
@ExtendWith(ApplicationExtension.class)
class FirstFrameBuildsWhatItShowsTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "first-frame-test", null);
        window = opened.window();
        // wide enough that showing a run view keeps the side tabs (RunViewRoomTest checks the narrow case)
        stage.setWidth(1600);
        stage.setHeight(1000);
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private static Tab tab(TabPane pane, String id) {
        return pane.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    @Test
    void onlyTheShownTabsAreBuiltUntilSelected(FxRobot robot) {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        TabPane bottom = window.bottomTabs();
        TabPane side = robot.lookup("#side-tabs").queryAs(TabPane.class);
        TestWindows.fx(() -> {
            assertNotNull(bottom.getTabs().get(0).getContent(), "the Problems list");
            assertNotNull(tab(side, "tab-inspector").getContent(), "the Inspector");
            for (String id : new String[] {"tab-configs", "tab-run", "tab-compare", "tab-sweep"}) {
                assertNull(tab(bottom, id).getContent(), id + " is built when first shown");
            }
            for (String id : new String[] {"tab-scheme", "tab-plan", "tab-lesson"}) {
                assertNull(tab(side, id).getContent(), id + " is built when first shown");
            }
            return null;
        });
        robot.clickOn("#tab-run");
        TestWindows.fx(() -> {
            assertSame(window.runPane(), tab(bottom, "tab-run").getContent(), "the Run tab shows the view the window hands out");
            assertNull(tab(bottom, "tab-compare").getContent());
            return null;
        });
        // asked for by code first (Run > Compare Schemes), the view is built then and is the one its tab shows
        Object compare = TestWindows.fx(window::comparePane);
        robot.clickOn("#tab-compare");
        assertSame(compare, TestWindows.fx(() -> tab(bottom, "tab-compare").getContent()));
        robot.clickOn("#tab-scheme");
        assertEquals("scheme", TestWindows.fx(() -> tab(side, "tab-scheme").getContent() == null ? "none" : "scheme"));
    }
}
