package org.warplab.ui;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.warplab.model.Lab;
import org.warplab.model.Problem;
import org.warplab.run.Runtimes;
import org.warplab.ui.canvas.CanvasView;
import org.warplab.ui.common.DesignerModel;
import org.warplab.ui.configs.ConfigsPane;
import org.warplab.ui.designer.InspectorPane;
import org.warplab.ui.designer.PlanPane;
import org.warplab.ui.designer.ProblemsPane;
import org.warplab.ui.designer.SchemePane;
import org.warplab.ui.lesson.LessonPane;
import org.warplab.ui.run.ComparePane;
import org.warplab.ui.run.RunPane;
import org.warplab.ui.run.SweepPane;

/**
 * The designer's two tab panes: beside the canvas Inspector, Scheme, Plan and Lesson; below it
 * Problems, Configs, Run, Compare and Sweep. Only the tabs a new window shows (Inspector, Problems)
 * are built with it; the others are built when first selected or asked for ({@link LazyTab}), so
 * the first frame does not style and lay out views nobody has looked at yet.
 */
final class DesignerTabs {

    /** The bottom area's height below which a run, compare or sweep view cannot show its chart and readout. */
    static final double RUN_VIEW_MIN_HEIGHT = 330;

    private final DesignerModel model;
    private final CanvasView canvas;
    private final TabPane side = new TabPane();
    private final TabPane bottom = new TabPane();
    private final Tab inspector;
    private final LazyTab<SchemePane> scheme;
    private final LazyTab<PlanPane> plan;
    private final LazyTab<LessonPane> lesson;
    private final Tab problems;
    private final LazyTab<ConfigsPane> configs;
    private final LazyTab<RunPane> run;
    private final LazyTab<ComparePane> compare;
    private final LazyTab<SweepPane> sweep;

    DesignerTabs(DesignerModel model, CanvasView canvas, Runtimes runtimes) {
        this.model = model;
        this.canvas = canvas;
        inspector = new Tab("Inspector", new InspectorPane(model));
        inspector.setId("tab-inspector");
        scheme = new LazyTab<>("Scheme", "tab-scheme", () -> new SchemePane(model));
        plan = new LazyTab<>("Plan", "tab-plan", () -> new PlanPane(model));
        run = new LazyTab<>("Run", "tab-run", () -> new RunPane(model, canvas, runtimes));
        lesson = new LazyTab<>("Lesson", "tab-lesson", () -> new LessonPane(model, run::get, runtimes, this::showRun));
        side.getTabs().addAll(inspector, scheme.tab(), plan.tab(), lesson.tab());
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.setId("side-tabs");
        side.setPrefWidth(360);
        side.setMinWidth(280);

        problems = new Tab("Problems", new ProblemsPane(model, this::reveal));
        problems.textProperty().bind(Bindings.createStringBinding(() -> "Problems (" + model.problems().size() + ")", model.problems()));
        configs = new LazyTab<>("Configs", "tab-configs", () -> new ConfigsPane(model, this::showProblems),
                pane -> pane.showingProperty().bind(configsTab().selectedProperty()));
        compare = new LazyTab<>("Compare", "tab-compare", () -> {
            ComparePane pane = new ComparePane(model, runtimes.emulated());
            // a row's context menu replays that scheme beside the lab's own, under one clock, in the Run view's window
            pane.setReplayBeside((scheme, seed) -> run.get().sideBySide().replayBeside(scheme, seed));
            return pane;
        });
        sweep = new LazyTab<>("Sweep", "tab-sweep", () -> new SweepPane(model, runtimes.emulated()));
        bottom.getTabs().addAll(problems, configs.tab(), run.tab(), compare.tab(), sweep.tab());
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setId("bottom-tabs");

        model.documentsProperty().addListener((o, was, is) -> {
            if (model.lab().lesson().isPresent()) {
                side.getSelectionModel().select(lesson.tab()); // a lab that carries a lesson opens on it
            }
        });
        model.selectionProperty().addListener((o, was, is) -> {
            // a lesson step selecting an element keeps the class on the Lesson tab
            if (is.size() == 1 && !lesson.tab().isSelected()) {
                String id = is.iterator().next();
                Lab lab = model.lab();
                if (isPlanItem(lab, id)) {
                    side.getSelectionModel().select(plan.tab());
                } else if (lab.node(id).isPresent() || lab.link(id).isPresent()) {
                    side.getSelectionModel().select(inspector);
                }
            }
        });
    }

    TabPane side() {
        return side;
    }

    TabPane bottom() {
        return bottom;
    }

    private Tab configsTab() {
        return configs.tab();
    }

    ConfigsPane configsPane() {
        return configs.get();
    }

    RunPane runPane() {
        return run.get();
    }

    /** The Run view if it has been built: one never built has no run to stop, step or present. */
    Optional<RunPane> runPaneIfBuilt() {
        return run.ifBuilt();
    }

    ComparePane comparePane() {
        return compare.get();
    }

    SweepPane sweepPane() {
        return sweep.get();
    }

    void showRun() {
        bottom.getSelectionModel().select(run.tab());
    }

    void showProblems() {
        bottom.getSelectionModel().select(problems);
    }

    void showCompare() {
        bottom.getSelectionModel().select(compare.tab());
    }

    /**
     * The bottom area keeps the height the user gave it across tabs; only a run view that would be
     * too short to read grows, once, to its least useful height (and nothing ever shrinks it back).
     */
    void keepReadableIn(SplitPane middle) {
        bottom.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            boolean runView = isRunView(is);
            double height = middle.getHeight();
            if (runView && height > 0 && bottom.getHeight() < RUN_VIEW_MIN_HEIGHT) {
                middle.setDividerPositions(Math.max(0.3, 1 - RUN_VIEW_MIN_HEIGHT / height));
            }
        });
    }

    /** Whether the side tabs show the Lesson: a class following it needs it beside the run. */
    boolean lessonShown() {
        return lesson.tab().isSelected();
    }

    /** Whether {@code tab} shows runs (Run, Compare, Sweep) rather than the lab's design. */
    boolean isRunView(Tab tab) {
        return tab == run.tab() || tab == compare.tab() || tab == sweep.tab();
    }

    /** Shows what {@code problem} is about: its element, the scheme settings, or the lab's own fields. */
    void reveal(Problem problem) {
        if (!problem.elementId().isEmpty() && model.lab().hasId(problem.elementId())) {
            reveal(problem.elementId());
        } else if (problem.path().startsWith("scheme")) {
            model.select(List.of());
            side.getSelectionModel().select(scheme.tab());
        } else {
            model.select(List.of());
            side.getSelectionModel().select(inspector);
        }
    }

    /** Selects {@code id} and shows it: on the canvas, or in the plan. */
    void reveal(String id) {
        model.select(id);
        Lab lab = model.lab();
        if (lab.node(id).isPresent() || lab.link(id).isPresent()) {
            canvas.reveal(id);
        } else if (isPlanItem(lab, id)) {
            side.getSelectionModel().select(plan.tab());
        }
    }

    private static boolean isPlanItem(Lab lab, String id) {
        return lab.migrations().stream().anyMatch(m -> m.id().equals(id)) || lab.traffic().stream().anyMatch(f -> f.id().equals(id));
    }
}
