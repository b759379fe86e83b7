package org.warplab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the designer remembers between runs (java.util.prefs): the last lab, recent files, the theme. */
public final class DesignerSettings {

    private static final int RECENT_MAX = 8;
    private final Preferences prefs;

    public DesignerSettings(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The user's own settings. */
    public static DesignerSettings user() {
        return new DesignerSettings(Preferences.userRoot().node("org/warplab/designer"));
    }

    public Optional<Path> lastLab() {
        String last = prefs.get("lastLab", "");
        return last.isEmpty() ? Optional.empty() : Optional.of(Path.of(last)).filter(Files::isRegularFile);
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (String line : prefs.get("recent", "").split("\n")) {
            if (!line.isBlank()) {
                out.add(Path.of(line));
            }
        }
        return out;
    }

    /** Remembers {@code file} as the last lab and the first of the recent ones. */
    public void opened(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Path> recent = new ArrayList<>(recentFiles());
        recent.remove(absolute);
        recent.add(0, absolute);
        while (recent.size() > RECENT_MAX) {
            recent.remove(recent.size() - 1);
        }
        prefs.put("recent", String.join("\n", recent.stream().map(Path::toString).toList()));
        prefs.put("lastLab", absolute.toString());
        flush();
    }

    /** The folder the last file dialog was left in, if it still exists. */
    public Optional<Path> lastFolder() {
        String last = prefs.get("lastFolder", "");
        return last.isEmpty() ? Optional.empty() : Optional.of(Path.of(last)).filter(Files::isDirectory);
    }

    public void setLastFolder(Path folder) {
        prefs.put("lastFolder", folder.toAbsolutePath().toString());
        flush();
    }

    public boolean darkTheme() {
        return prefs.getBoolean("dark", false);
    }

    public void setDarkTheme(boolean dark) {
        // every start applies the saved theme: writing it back unchanged cost each start-up the prefs' XML writer
        if (dark == darkTheme()) {
            return;
        }
        prefs.putBoolean("dark", dark);
        flush();
    }

    /** The file whose unsaved changes the recovery file holds ("" for a new lab). */
    public String recoveryOf() {
        return prefs.get("recoveryOf", "");
    }

    public void setRecoveryOf(String file) {
        prefs.put("recoveryOf", file);
        flush();
    }

    /**
     * Writes the settings to disk off the window's thread: java.util.prefs writes XML, whose first use
     * costs the start-up (opening the first lab) a noticeable part of a second. The JDK's own shutdown
     * hook writes whatever is still pending when WarpLab exits.
     */
    private void flush() {
        WRITER.execute(() -> {
            try {
                prefs.flush();
            } catch (BackingStoreException | IllegalStateException e) {
                // preferences are a convenience: a failed flush loses only the recent-files list (or the node was removed)
            }
        });
    }

    private static final java.util.concurrent.Executor WRITER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "warplab-settings-writer");
        t.setDaemon(true);
        return t;
    });
}
