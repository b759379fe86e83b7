package org.warplab.ui.common;

import java.nio.file.Path;
import java.util.List;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/**
 * A lab file read and checked: what the designer needs to open it. Neither step touches JavaFX, so
 * it can be done on another thread (the designer's start-up reads the lab named on the command line
 * while JavaFX's toolkit starts).
 */
public record CheckedLab(LoadedLab loaded, List<Problem> problems) {

    public CheckedLab {
        problems = List.copyOf(problems);
    }

    public static CheckedLab read(Path file) throws LabFileException {
        LoadedLab loaded = LabFiles.load(file);
        return new CheckedLab(loaded, LabValidator.validate(loaded.lab()));
    }
}
