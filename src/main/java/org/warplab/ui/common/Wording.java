package org.warplab.ui.common;

/** Words every screen uses the same way: the application's name, counts with the right plural. */
public final class Wording {

    public static final String APP_NAME = "WarpLab";

    private Wording() {
    }

    /** "1 error", "2 errors", "0 warnings": a count with its noun in the right number. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
