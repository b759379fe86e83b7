package org.warplab.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/** Issue 14, point 4: at 1280×720 the inspector shows its fields' whole names ("Run duration (ms)", not "Run duration …"). */
@ExtendWith(ApplicationExtension.class)
class InspectorNamesTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        opened = TestWindows.open(stage, "inspector-names-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    @Test
    void everyFieldNameIsShownWholeAt1280x720(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(720);
            window.open(Samples.file("paging-paper"));
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> names = TestWindows.fx(() -> {
            List<String> cut = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (Node node : robot.lookup("#side-tabs .property-sheet .label").queryAll()) {
                if (node instanceof Label label && label.isVisible() && label.getText() != null && !label.getText().isEmpty()) {
                    seen.add(label.getText());
                    String shown = label.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(t -> ((Text) t).getText())
                            .findFirst().orElse("");
                    if (!shown.equals(label.getText())) {
                        cut.add(label.getText() + " shown as " + shown);
                    }
                }
            }
            assertTrue(seen.contains("Run duration (ms)"), "the lab's fields are shown: " + seen);
            return cut;
        });
        assertEquals(List.of(), names, "field names cut short");
    }
}
