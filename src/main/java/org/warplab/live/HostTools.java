package org.warplab.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Finds the programs live mode runs, where Debian installs them (some live outside a user's PATH). */
public final class HostTools {

    private static final String[] EXTRA_DIRS = {"/usr/sbin", "/sbin", "/usr/lib/frr", "/usr/bin", "/bin"};

    private final Function<String, Optional<Path>> lookup;

    public HostTools(Function<String, Optional<Path>> lookup) {
        this.lookup = lookup;
    }

    /** Searches PATH and the system directories Debian uses for network tools. */
    public static HostTools fromEnvironment() {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        return new HostTools(tool -> {
            if (tool.startsWith("/")) {
                return Files.isExecutable(Path.of(tool)) ? Optional.of(Path.of(tool)) : Optional.empty();
            }
            for (String dir : (pathVariable + ":" + String.join(":", EXTRA_DIRS)).split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    return Optional.of(Path.of(dir, tool));
                }
            }
            return Optional.empty();
        });
    }

    public Optional<Path> find(String tool) {
        return lookup.apply(tool);
    }

    /** The path to run {@code tool} by, or the bare name if it is not found (the run then fails with a clear error). */
    public String path(String tool) {
        return find(tool).map(Path::toString).orElse(tool);
    }
}
