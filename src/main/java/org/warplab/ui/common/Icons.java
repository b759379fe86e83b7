package org.warplab.ui.common;

import java.util.Map;

/**
 * The project's icons as SVG path data on a 24 × 24 grid. The same data is in {@code icons/*.svg}
 * (a test keeps the two equal); drawing them as paths keeps them crisp at every zoom.
 */
public final class Icons {

    /** A rack of three servers with their status lights. */
    public static final String DATA_CENTER =
            "M4 2h16v6H4z M4 9h16v6H4z M4 16h16v6H4z M6 4.5h2v1H6z M6 11.5h2v1H6z M6 18.5h2v1H6z";
    /** A screen with a smaller screen inside: a machine in a machine. */
    public static final String VM = "M2 4h20v13H2z M9 19h6v2H9z M6 7h12v7H6z";
    /** The usual router symbol: four arrows, two in, two out. */
    public static final String ROUTER = "M12 1l4 4h-3v4h-2V5H8z M12 23l-4-4h3v-4h2v4h3z M1 12l4-4v3h4v2H5v3z M23 12l-4 4v-3h-4v-2h4V8z";
    /** A laptop. */
    public static final String CLIENT = "M4 4h16v11H4z M1 17h22v3H1z";
    /** A switch: a flat box with traffic both ways. */
    public static final String SWITCH = "M2 8h20v9H2z M5 4h10V2l4 3-4 3V6H5z M19 21H9v2l-4-3 4-3v2h10z";
    /** Translator: two arrows that swap places. */
    public static final String TRANSLATOR = "M3 7h13V4l5 5-5 5v-3H3z M21 17H8v3l-5-5 5-5v3h13z";
    /** Home agent: a house. */
    public static final String HOME_AGENT = "M12 2l10 9h-3v11h-5v-6h-4v6H5V11H2z";
    /** Segment endpoint: a tunnel mouth with lanes. */
    public static final String SEGMENT_ENDPOINT = "M2 22V12a10 10 0 0 1 20 0v10h-4V12a6 6 0 0 0-12 0v10z M11 14h2v8h-2z";

    /** Every icon by the name of its file in {@code icons/}. */
    public static final Map<String, String> BY_FILE = Map.of(
            "datacenter.svg", DATA_CENTER,
            "vm.svg", VM,
            "router.svg", ROUTER,
            "client.svg", CLIENT,
            "switch.svg", SWITCH,
            "translator.svg", TRANSLATOR,
            "home-agent.svg", HOME_AGENT,
            "segment-endpoint.svg", SEGMENT_ENDPOINT);

    private Icons() {
    }
}
