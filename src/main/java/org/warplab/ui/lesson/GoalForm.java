package org.warplab.ui.lesson;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.NodeKind;
import org.warplab.model.SchemeKind;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Goal;

/** The form for one goal: its kind, then only the fields that kind has. */
final class GoalForm extends FormGrid {

    /** The goal kinds, by the words the form shows. */
    enum Kind {
        REACHABLE("VM reachable after a move"), BELOW("a figure at most a bound"), OTHER_TENANTS("no probe of another tenant lost"),
        SCHEME("a given scheme in use"), AT_MOST_ROUTERS("at most N routers"), NO_WARNINGS("validates with no warnings"),
        CLIENT_EDGE("client edges translate for a VM");

        final String words;

        Kind(String words) {
            this.words = words;
        }

        static Kind of(Goal goal) {
            if (goal instanceof Goal.Reachable) {
                return REACHABLE;
            } else if (goal instanceof Goal.Below) {
                return BELOW;
            } else if (goal instanceof Goal.OtherTenantsUntouched) {
                return OTHER_TENANTS;
            } else if (goal instanceof Goal.SchemeInUse) {
                return SCHEME;
            } else if (goal instanceof Goal.AtMostRouters) {
                return AT_MOST_ROUTERS;
            } else if (goal instanceof Goal.NoWarnings) {
                return NO_WARNINGS;
            }
            return CLIENT_EDGE;
        }
    }

    private final ChoiceBox<Kind> kind = new ChoiceBox<>(FXCollections.observableArrayList(Kind.values()));
    private final ChoiceBox<String> migration = new ChoiceBox<>();
    private final ChoiceBox<Figure> figure = new ChoiceBox<>(FXCollections.observableArrayList(Figure.values()));
    private final TextField maxMs = new TextField();
    private final ChoiceBox<SchemeKind> scheme = new ChoiceBox<>(FXCollections.observableArrayList(SchemeKind.values()));
    private final TextField count = new TextField();
    private final ChoiceBox<String> vm = new ChoiceBox<>();
    private final Node[][] rows;

    GoalForm(Lab lab) {
        super("lesson-goal-form");
        migration.getItems().addAll(lab.migrations().stream().map(Migration::id).toList());
        vm.getItems().addAll(lab.nodes().stream().filter(n -> n.kind() == NodeKind.VM).map(org.warplab.model.Node::id).toList());
        kind.setConverter(words(k -> k.words));
        figure.setConverter(words(Figure::label));
        scheme.setConverter(words(SchemeKind::label));
        kind.setId("lesson-goal-kind");
        migration.setId("lesson-goal-migration");
        figure.setId("lesson-goal-figure");
        maxMs.setId("lesson-goal-max");
        scheme.setId("lesson-goal-scheme");
        count.setId("lesson-goal-count");
        vm.setId("lesson-goal-vm");
        maxMs.setPromptText("e.g. 200");
        count.setPromptText("e.g. 5");
        rows = new Node[][] {{new Label("Goal"), kind}, {new Label("Migration"), migration}, {new Label("Figure"), figure},
            {new Label("At most (ms)"), maxMs}, {new Label("Scheme"), scheme}, {new Label("Routers"), count}, {new Label("VM"), vm}};
        for (int i = 0; i < rows.length; i++) {
            addRow(i, rows[i]);
        }
        kind.valueProperty().addListener((o, was, is) -> showRows());
    }

    private void showRows() {
        Kind k = kind.getValue();
        boolean[] visible = {true, k == Kind.REACHABLE || k == Kind.BELOW, k == Kind.BELOW, k == Kind.BELOW, k == Kind.SCHEME,
            k == Kind.AT_MOST_ROUTERS, k == Kind.CLIENT_EDGE};
        for (int i = 0; i < rows.length; i++) {
            for (Node n : rows[i]) {
                n.setVisible(visible[i]);
                n.setManaged(visible[i]);
            }
        }
    }

    void load(Goal goal) {
        migration.setValue(migration.getItems().isEmpty() ? null : migration.getItems().get(0));
        vm.setValue(vm.getItems().isEmpty() ? null : vm.getItems().get(0));
        figure.setValue(Figure.CLIENT_GAP);
        scheme.setValue(SchemeKind.values()[0]);
        maxMs.clear();
        count.clear();
        if (goal instanceof Goal.Reachable r) {
            migration.setValue(r.migration());
        } else if (goal instanceof Goal.Below b) {
            migration.setValue(b.migration());
            figure.setValue(b.figure());
            maxMs.setText(b.maxNs() % 1_000_000 == 0 ? String.valueOf(b.maxNs() / 1_000_000) : String.format(Locale.ROOT, "%.3f", b.maxNs() / 1e6));
        } else if (goal instanceof Goal.SchemeInUse s) {
            scheme.setValue(s.scheme());
        } else if (goal instanceof Goal.AtMostRouters a) {
            count.setText(String.valueOf(a.count()));
        } else if (goal instanceof Goal.ClientEdgeTranslation c) {
            vm.setValue(c.vm());
        }
        kind.setValue(Kind.of(goal));
        showRows();
    }

    /** The goal the form describes; a field that cannot be read is an {@link IllegalArgumentException} saying how to fix it. */
    Goal read() {
        return switch (kind.getValue()) {
            case REACHABLE -> new Goal.Reachable(needMigration());
            case BELOW -> new Goal.Below(figure.getValue(), needMigration(), Math.round(LessonEditor.positiveMs(maxMs.getText(), "the bound") * 1e6));
            case OTHER_TENANTS -> new Goal.OtherTenantsUntouched();
            case SCHEME -> new Goal.SchemeInUse(scheme.getValue());
            case AT_MOST_ROUTERS -> new Goal.AtMostRouters(routers());
            case NO_WARNINGS -> new Goal.NoWarnings();
            case CLIENT_EDGE -> {
                if (vm.getValue() == null) {
                    throw new IllegalArgumentException("this goal names a VM: add one to the lab first");
                }
                yield new Goal.ClientEdgeTranslation(vm.getValue());
            }
        };
    }

    private String needMigration() {
        if (migration.getValue() == null) {
            throw new IllegalArgumentException("this goal is about a migration: add one in the Plan tab first");
        }
        return migration.getValue();
    }

    private int routers() {
        try {
            int n = Integer.parseInt(count.getText().strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("the number of routers is a whole number, e.g. 5; got '" + count.getText() + "'");
    }
}
