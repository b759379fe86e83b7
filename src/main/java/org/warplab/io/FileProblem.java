package org.warplab.io;

import java.nio.file.Path;

/**
 * A problem at a place in a lab file: line and column (1-based; 0 when the file could not be read
 * at all), the JSON path, and what is wrong.
 */
public record FileProblem(Path file, int line, int column, String path, String message) {

    /** "labs/x.warplab.json:12:9: links[3].b: node 'R9' does not exist". */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file.toString();
        return where + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
