package org.warplab.model;

import java.nio.file.Path;
import java.util.List;

/** The source files whose sentences the validator shows a user: tests read them to check every message and warning. */
public final class ValidatorSources {

    private ValidatorSources() {
    }

    public static List<Path> files() {
        return List.of("LabValidator", "ValidationRules", "NodeRules", "LinkRules", "SchemeRules", "MigrationRules", "RunPreconditions").stream()
                .map(name -> Path.of("src/main/java/org/warplab/model", name + ".java"))
                .toList();
    }
}
