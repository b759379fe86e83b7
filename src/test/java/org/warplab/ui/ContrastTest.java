package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.model.Lab;
import org.warplab.ui.common.Theme;

/**
 * Issue 14, point 4: a selected problem row and an inspector error are readable, WCAG AA (contrast
 * 4.5:1 for text), in the light and the dark theme. The colours are the ones JavaFX resolved from the
 * stylesheet on the live nodes (text fill against the background fill behind it), so a change of
 * the stylesheet or of modena's selection colours is measured, not assumed; and the canvas's own
 * error colour from {@link Theme} against the canvas background.
 */
@ExtendWith(ApplicationExtension.class)
class ContrastTest {

    private static final double AA_TEXT = 4.5;

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "contrast-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    @Test
    void selectedProblemRowsAndInspectorErrorsMeetAaInBothThemes(FxRobot robot) {
        List<String> failures = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            String theme = dark ? "dark" : "light";
            if (dark) {
                robot.interact(() -> robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus().stream()
                        .flatMap(m -> m.getItems().stream()).filter(CheckMenuItem.class::isInstance)
                        .map(CheckMenuItem.class::cast).filter(i -> i.getText().contains("Dark")).forEach(item -> {
                            item.setSelected(true);
                            item.fire();
                        }));
            }
            // an empty lab has errors (no VM, no client, no migration)
            robot.interact(() -> window.model().replaceDocument(Lab.empty("Contrast"), null));
            robot.interact(() -> window.bottomTabs().getSelectionModel().select(0));
            ListView<?> list = robot.lookup("#problem-list").queryAs(ListView.class);
            robot.interact(() -> {
                list.requestFocus();
                list.getSelectionModel().select(0);
            });
            WaitForAsyncUtils.waitForFxEvents();
            ListCell<?> row = robot.lookup("#problem-list .list-cell").queryAllAs(ListCell.class).stream()
                    .filter(ListCell::isSelected).findFirst().orElseThrow();
            check(failures, theme + ", selected error row (list focused)", (Color) row.getTextFill(), background(row));
            robot.interact(() -> window.canvas().requestFocus());
            WaitForAsyncUtils.waitForFxEvents();
            check(failures, theme + ", selected error row (list not focused)", (Color) row.getTextFill(), background(row));

            // an inspector error: a refused value
            robot.interact(() -> window.model().select(java.util.Set.of()));
            robot.clickOn("#tab-inspector");
            TextField duration = robot.lookup("#inspector-field-run-duration-ms").queryAs(TextField.class);
            robot.interact(() -> {
                duration.requestFocus();
                duration.setText("soon");
                duration.fireEvent(new javafx.event.ActionEvent());
            });
            WaitForAsyncUtils.waitForFxEvents();
            Label refusal = robot.lookup("#inspector-refusal").queryAs(Label.class);
            assertTrue(refusal.isVisible(), "the refusal is shown");
            check(failures, theme + ", inspector error", (Color) refusal.getTextFill(), background(refusal));

            Theme canvas = dark ? Theme.DARK : Theme.LIGHT;
            check(failures, theme + ", canvas error colour", canvas.error(), canvas.background());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(List<String> failures, String what, Color text, Color background) {
        double ratio = contrast(text, background);
        System.out.printf(java.util.Locale.ROOT, "%-45s %s on %s: %.2f%n", what, text, background, ratio);
        if (ratio < AA_TEXT) {
            failures.add(String.format(java.util.Locale.ROOT, "%s: %s on %s is %.2f:1, AA needs %.1f:1", what, text, background, ratio, AA_TEXT));
        }
    }

    /** The colour behind a node: the innermost opaque background fill of it or of the nearest parent that has one. */
    static Color background(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at instanceof Region region && region.getBackground() != null) {
                List<BackgroundFill> fills = region.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof Color c && c.getOpacity() == 1.0) {
                        return c;
                    }
                }
            }
            if (at.getParent() == null && at.getScene() != null && at.getScene().getFill() instanceof Color c) {
                return c;
            }
        }
        return Color.WHITE;
    }

    /** WCAG 2.x contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
