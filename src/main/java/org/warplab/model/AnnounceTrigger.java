package org.warplab.model;

/** Which announcements the capture program on a data-center LAN reacts to. */
public enum AnnounceTrigger implements Keyed {
    RARP("rarp"),
    GARP("garp"),
    ANY("any");

    private final String key;

    AnnounceTrigger(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
