package org.warplab.ui;

import javafx.scene.paint.Color;

/** The colours the canvas paints with; the designer's light and dark themes are two instances. */
public record Theme(
        Color background,
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
        String fontFamily) {

    public static final Theme LIGHT = new Theme(
            Color.web("#f7f8fa"), Color.web("#1d232b"), Color.web("#5b6673"),
            Color.web("#3d5a80"), Color.web("#8d99ae"), Color.web("#c77d1a"),
            Color.web("#e8f0f8"), Color.web("#4d7ea8"), Color.web("#ffffff"), Color.web("#2a9d8f"),
            Color.web("#2a6f97"), Color.web("#6c757d"), Color.web("#6a4c93"), Color.web("#fff4e0"),
            Color.web("#d1495b"), "System");
}
