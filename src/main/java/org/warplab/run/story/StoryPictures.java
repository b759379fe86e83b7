package org.warplab.run.story;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.warplab.model.Lab;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;

/**
 * Draws a run's story for slides: one picture per step (the run view's presentation mode at a
 * chosen size, with the step's caption and the readout), written as an animated GIF and/or as
 * numbered PNGs. The drawing lives in the user interface; the command line finds it through
 * {@link ServiceLoader}, so it needs no dependency on the UI.
 */
public interface StoryPictures {

    /** Where the pictures go: an animated GIF, a folder of step-01.png…, or both. */
    record Output(Optional<Path> gif, Optional<Path> pngFolder, int width, int height) {
    }

    /** Writes the pictures of {@code story} (a story of {@code result}/{@code trace} on {@code lab}); returns how many there are. */
    int write(Lab lab, RunResult result, Trace trace, Story story, Output output) throws IOException;

    /** The drawing installed with this program, if any. */
    static Optional<StoryPictures> installed() {
        return ServiceLoader.load(StoryPictures.class).findFirst();
    }
}
