package org.warplab.io;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lab file's format versions: which top-level sections each version added. Every version's
 * additions are optional sections, so an older file is read as it is and simply lacks them (the
 * model's defaults apply); saving it writes the current version, which older WarpLabs refuse. A
 * new optional section of version 2 (a lab's lesson) is one more {@link Section} line.
 */
final class FormatVersions {
    static final int CURRENT = 2;

    /** A top-level key of the lab object and the version that introduced it. */
    record Section(String key, int since, String description) { }

    static final List<Section> SECTIONS = List.of(
            new Section("testbed", 2, "the testbed profile the lab runs on"),
            new Section("lesson", 2, "a lesson for a class: steps, questions and goals"));

    private FormatVersions() {
    }

    /** The section {@code key} if it is newer than {@code fileVersion}: a file must not use what its version lacks. */
    static Optional<Section> newerThan(String key, long fileVersion) {
        return SECTIONS.stream().filter(s -> s.key().equals(key) && s.since() > fileVersion).findFirst();
    }

    /** What saving a file of {@code fileVersion} as the current version changes, or empty if it is current. */
    static Optional<String> upgradeNotice(int fileVersion) {
        if (fileVersion >= CURRENT) {
            return Optional.empty();
        }
        String added = SECTIONS.stream().filter(s -> s.since() > fileVersion)
                .map(s -> s.description() + " (\"" + s.key() + "\")").collect(Collectors.joining(", "));
        return Optional.of("format version " + fileVersion + ": opened unchanged, saved as format version " + CURRENT + ", which adds "
                + added + "; WarpLab releases that read only version " + fileVersion + " cannot open the saved file");
    }
}
