package org.warplab.ui.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.warplab.model.Lab;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryPictures;
import org.warplab.ui.common.Theme;

/**
 * The story's pictures for the command line ({@code warplab story LAB --gif F.gif}): JavaFX is
 * started without a window on screen (Monocle's headless platform, software rendering) when it is
 * installed, else on the display; the pictures are those of the GUI's export ({@link StoryRecorder}).
 */
public final class HeadlessStoryPictures implements StoryPictures {

    private static final String MONOCLE = "com.sun.glass.ui.monocle.MonoclePlatformFactory";
    /** Generous: a long story at a large size on a loaded machine takes seconds, not minutes. */
    private static final long TIMEOUT_MINUTES = 5;

    public HeadlessStoryPictures() {
        // found by ServiceLoader
    }

    @Override
    public int write(Lab lab, RunResult result, Trace trace, Story story, Output output) throws IOException {
        if (story.steps().isEmpty()) {
            throw new IOException("the story has no steps: nothing to draw");
        }
        startToolkit(output.width(), output.height());
        CompletableFuture<List<BufferedImage>> frames = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                frames.complete(StoryRecorder.frames(Theme.LIGHT, lab, result, trace, story, output.width(), output.height()));
            } catch (RuntimeException | Error e) {
                frames.completeExceptionally(e);
            }
        });
        List<BufferedImage> pictures;
        try {
            pictures = frames.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the story", e);
        } catch (ExecutionException e) {
            throw new IOException("could not draw the story: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("drawing the story took longer than " + TIMEOUT_MINUTES + " minutes; stopped");
        }
        if (output.gif().isPresent()) {
            StoryFrames.writeGif(pictures, output.gif().get());
        }
        if (output.pngFolder().isPresent()) {
            StoryFrames.writePngs(pictures, output.pngFolder().get());
        }
        return pictures.size();
    }

    /** Starts JavaFX once: headless where Monocle is installed (no window, no display needed), else on the display. */
    private static void startToolkit(int width, int height) throws IOException {
        boolean headless = isInstalled(MONOCLE);
        if (headless && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // the headless screen must hold the picture's window
            System.setProperty("headless.geometry", String.format(Locale.ROOT, "%dx%d-32", Math.max(1280, width), Math.max(800, height)));
        } else if (!headless && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IOException("drawing the story needs a display (DISPLAY is not set) or JavaFX's headless platform (Monocle), "
                    + "which this installation lacks; run it where a display is, e.g. under xvfb-run");
        }
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // the designer or a test started it: use it as it is
        } catch (UnsupportedOperationException | Error e) {
            throw new IOException("cannot start JavaFX to draw the story: " + e.getMessage(), e);
        }
        Platform.setImplicitExit(false);
    }

    private static boolean isInstalled(String className) {
        try {
            Class.forName(className, false, HeadlessStoryPictures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
