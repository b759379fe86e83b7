package org.warplab.ui;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.warplab.ui.common.DesignerModel;

/**
 * The palette and the side tabs beside the canvas. On a window narrower than {@link #NARROW_WIDTH}
 * (a projector's 1280×720, a laptop) they take almost half the width, which a run view needs for
 * the lab and its readout; so showing a run, comparison or sweep there hides them, and going back
 * to Problems or Configs brings them back, as does anything that asks for a side tab (a lesson
 * opened, an element revealed). A lesson on screen stays: the class follows it beside the run. Once
 * the user chooses (View ▸ Side Panels, Ctrl+B, or the toolbar's Panels button), that choice stays:
 * the window no longer moves them by itself.
 */
final class SidePanels {

    /** Windows narrower than this give the run view the panels' width. */
    static final double NARROW_WIDTH = 1360;

    private final SplitPane split;
    private final Node palette;
    private final Node side;
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "sidePanelsShown", true);
    private double[] dividers;
    /** Hidden because a run view was shown on a narrow window, not by the user. */
    private boolean hiddenForRunView;
    /** The user showed or hid them: from then on only the user does. */
    private boolean userChose;
    private boolean switching;

    SidePanels(SplitPane split, Node palette, Node side) {
        this.split = split;
        this.palette = palette;
        this.side = side;
        shown.addListener((o, was, is) -> {
            if (!switching) {
                hiddenForRunView = false;
                userChose = true;
            }
            if (is) {
                split.getItems().add(0, palette);
                split.getItems().add(side);
                if (dividers != null) {
                    split.setDividerPositions(dividers);
                }
            } else {
                dividers = split.getDividerPositions();
                split.getItems().removeAll(palette, side);
            }
        });
    }

    BooleanProperty shownProperty() {
        return shown;
    }

    /**
     * Hides the panels when {@code bottom} shows a run view on a narrow window and tells the user how
     * to bring them back; shows them again when it leaves the run views, if it was what hid them.
     */
    void makeRoomForRunViews(TabPane bottom, Predicate<Tab> isRunView, TabPane sideTabs, BooleanSupplier lessonShown,
            Stage stage, DesignerModel model) {
        sideTabs.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (hiddenForRunView) {
                set(true);
                hiddenForRunView = false;
            }
        });
        bottom.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (userChose) {
                return;
            }
            boolean runView = is != null && isRunView.test(is);
            if (runView && shown.get() && !lessonShown.getAsBoolean() && stage.getWidth() > 0 && stage.getWidth() < NARROW_WIDTH) {
                set(false);
                hiddenForRunView = true;
                model.statusProperty().set("Palette and inspector hidden to give the run the window's width: "
                        + "View ▸ Side Panels (Ctrl+B) shows them");
            } else if (!runView && hiddenForRunView) {
                set(true);
                hiddenForRunView = false;
            }
        });
    }

    private void set(boolean show) {
        switching = true;
        try {
            shown.set(show);
        } finally {
            switching = false;
        }
    }
}
