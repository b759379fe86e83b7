package org.warplab.io;

import java.util.List;
import java.util.stream.Collectors;

/** A lab file that cannot be read: every problem found, each with its place in the file. */
public final class LabFileException extends Exception {
    private final List<FileProblem> problems;

    public LabFileException(List<FileProblem> problems) {
        super(problems.stream().map(FileProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FileProblem> problems() {
        return problems;
    }
}
