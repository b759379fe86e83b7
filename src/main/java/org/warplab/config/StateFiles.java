package org.warplab.config;

import java.util.List;

/** The files of every device for one state of the lab ({@code before}, {@code after-<migration>}). */
public record StateFiles(String state, List<GeneratedFile> files) {
    public StateFiles {
        files = List.copyOf(files);
    }
}
