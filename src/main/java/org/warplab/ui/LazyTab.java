package org.warplab.ui;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * A tab whose content is built the first time it is selected or asked for, not while the window
 * starts: the first frame then styles and lays out only what it shows (the Run, Compare, Sweep,
 * Configs, Scheme, Plan and Lesson views cost the start-up most of its CSS pass, see
 * {@link StartupTrace}).
 */
final class LazyTab<T extends Node> {

    private final Tab tab;
    private final Supplier<T> build;
    private final Consumer<T> whenBuilt;
    private T content;

    LazyTab(String text, String id, Supplier<T> build, Consumer<T> whenBuilt) {
        this.tab = new Tab(text);
        this.build = build;
        this.whenBuilt = whenBuilt;
        tab.setId(id);
        tab.selectedProperty().addListener((o, was, is) -> {
            if (is) {
                get();
            }
        });
    }

    LazyTab(String text, String id, Supplier<T> build) {
        this(text, id, build, built -> { });
    }

    Tab tab() {
        return tab;
    }

    /** The content, built now if it was not yet. */
    T get() {
        if (content == null) {
            content = build.get();
            tab.setContent(content);
            whenBuilt.accept(content);
            StartupTrace.mark("tab " + tab.getId() + " built");
        }
        return content;
    }

    /** The content when it has been built; a view never built has nothing to stop, step or save. */
    Optional<T> ifBuilt() {
        return Optional.ofNullable(content);
    }
}
