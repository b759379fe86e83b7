package org.warplab.ui.common;

import javafx.scene.paint.Color;

/**
 * The colours the canvas paints with. The controls take theirs from designer.css (looked-up colours
 * switched by the "dark" style class); these two instances carry the same palette to the canvas.
 */
public record Theme(
        String name,
        Color background,
        Color grid,
        Color text,
        Color mutedText,
        Color wanLink,
        Color lanLink,
        Color managementLink,
        Color dataCenterFill,
        Color dataCenterStroke,
        Color vmFill,
        Color vmStroke,
        Color serverEdge,
        Color core,
        Color clientEdge,
        Color clientFill,
        Color badge,
        Color selection,
        Color error,
        String fontFamily) {

    public static final Theme LIGHT = new Theme("light",
            Color.web("#f7f8fa"), Color.web("#dde1e6"), Color.web("#1d232b"), Color.web("#5b6673"),
            Color.web("#3d5a80"), Color.web("#8d99ae"), Color.web("#c77d1a"),
            Color.web("#e8f0f8"), Color.web("#4d7ea8"), Color.web("#ffffff"), Color.web("#2a9d8f"),
            Color.web("#2a6f97"), Color.web("#6c757d"), Color.web("#6a4c93"), Color.web("#fff4e0"),
            Color.web("#e07a1f"), Color.web("#1e88e5"), Color.web("#d62828"), "System");

    public static final Theme DARK = new Theme("dark",
            Color.web("#1e2227"), Color.web("#2c3138"), Color.web("#e6e9ed"), Color.web("#9aa5b1"),
            Color.web("#7fa7d9"), Color.web("#6b7788"), Color.web("#e0a040"),
            Color.web("#23303d"), Color.web("#5f95c4"), Color.web("#2b3440"), Color.web("#41c1b0"),
            Color.web("#3b8bbf"), Color.web("#808a94"), Color.web("#8e6cc0"), Color.web("#3a3226"),
            Color.web("#f08c2e"), Color.web("#64b5f6"), Color.web("#ff5a5a"), "System");
}
