package org.warplab.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.warplab.io.LabFileException;
import org.warplab.ui.common.CheckedLab;

/**
 * The lab named on the command line, read and checked on a thread of its own while JavaFX's toolkit
 * starts, so the JavaFX thread does not parse it (Jackson's first use loads ~400 classes) or
 * validate it before the first frame ({@link StartupTrace}: ~0.3 s of that thread's CPU time). A
 * file that cannot be read fails here as it would on the JavaFX thread, and is reported the same
 * way when the window opens it.
 */
final class LabPreread {

    private final Path file;
    private final CompletableFuture<CheckedLab> checked = new CompletableFuture<>();

    private LabPreread(Path file) {
        this.file = file;
    }

    static LabPreread start(Path file) {
        LabPreread preread = new LabPreread(file);
        Thread reader = new Thread(() -> {
            try {
                preread.checked.complete(CheckedLab.read(file));
            } catch (LabFileException | RuntimeException e) {
                preread.checked.completeExceptionally(e);
            }
            StartupTrace.mark("lab read and checked (reader thread)");
        }, "warplab-lab-reader");
        reader.setDaemon(true);
        reader.start();
        return preread;
    }

    /** Whether {@code wanted} is the file this reads and it was read without a problem (waiting for the reader if need be). */
    boolean readable(Path wanted) {
        try {
            return of(wanted).isPresent();
        } catch (LabFileException | RuntimeException e) {
            return false;
        }
    }

    /** The lab read from {@code wanted}, waiting for the reader if need be; empty if this read another file. */
    Optional<CheckedLab> of(Path wanted) throws LabFileException {
        if (!wanted.equals(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(checked.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof LabFileException problems) {
                throw problems;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
