package org.warplab.model.lesson;

import org.warplab.model.Keyed;

/** A figure of a migration that questions, feedback and goals can name; all are times, shown in ms. */
public enum Figure implements Keyed {
    CLIENT_GAP("client-gap", "client gap"),
    DOWNTIME("downtime", "VM downtime"),
    SWITCHING("switching", "switching time"),
    MIGRATION_TIME("migration-time", "migration time");

    private final String key;
    private final String label;

    Figure(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @Override
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
