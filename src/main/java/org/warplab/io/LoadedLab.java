package org.warplab.io;

import java.nio.file.Path;
import java.util.Optional;
import org.warplab.model.Lab;
import org.warplab.model.Problem;

/**
 * A lab read from a file, with what is needed to point at its problems by line and column.
 *
 * @param formatVersion the version the file was written in (saving writes {@link LabFiles#FORMAT_VERSION})
 */
public record LoadedLab(Path file, Lab lab, JsonLocations locations, int formatVersion) {

    /** What saving this file will change about its format, for the user to read before it happens; empty if nothing. */
    public Optional<String> upgradeNotice() {
        return FormatVersions.upgradeNotice(formatVersion);
    }

    /** The problem placed in this file. */
    public FileProblem locate(Problem problem) {
        JsonLocations.Location at = locations.locate(problem.path()).orElse(new JsonLocations.Location(0, 0));
        String text = problem.severity().key() + ": " + problem.message() + (problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")");
        return new FileProblem(file, at.line(), at.column(), problem.path(), text);
    }
}
