package org.warplab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryPictures;
import org.warplab.run.story.StoryText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab story LAB}: the steps of a run's migrations with their times, captions and why — a handout. */
@Command(name = "story", description = {
    "Tell a run's migrations step by step, with the run's own figures.",
    "",
    "Runs the lab in the emulator (or reads a saved run, e.g. one of 'warplab live run --report R --trace T') and prints "
        + "the significant moments of each migration in time order: the time, the kind of step and its id (stable, e.g. "
        + "MIG1/rule-switched/R3), what happened with this run's figures and addresses, and one sentence on why.",
    "",
    "--gif F.gif and --pngs DIR also draw the story for slides, one picture per step (presentation mode at --size, "
        + "default 1280x720), without a window: e.g. warplab story LAB --gif story.gif --size 1280x720."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:told", "1:the lab has errors", "2:unreadable file, bad option, or a lab the emulator cannot run"})
final class StoryCommand extends HeadlessCommand {

    private static final int MIN_PICTURE = 320;
    private static final int MAX_PICTURE = 3840;

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab whose run is told.")
    List<Path> files = List.of();

    @Mixin
    RunOptions.SchemeChoice scheme;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the emulator's random source; default 1.")
    Long seed;

    @Option(names = "--result", paramLabel = "FILE", description = "Tell the story of a saved run instead (needs --trace).")
    Path result;

    @Option(names = "--trace", paramLabel = "FILE", description = "The saved run's trace (JSON lines).")
    Path trace;

    @Option(names = "--markdown", description = "A Markdown table instead of plain text.")
    boolean markdown;

    @Option(names = "--gif", paramLabel = "FILE", description = "Also write the story as an animated GIF, one picture per step "
            + "(presentation mode: the lab, the step's caption and the readout).")
    Path gif;

    @Option(names = "--pngs", paramLabel = "DIR", description = "Also write one picture per step as DIR/step-01.png, step-02.png, ...")
    Path pngs;

    @Option(names = "--size", paramLabel = "WIDTHxHEIGHT", description = "Size of the pictures; default 1280x720.")
    String size;

    @Override
    int run() throws UsageException, LabArgument.Refused {
        LabArgument argument = LabArgument.load("story", files, Optional.ofNullable(scheme.scheme), err);
        int[] pictureSize = pictureSize();
        Story story;
        RunResult told;
        Trace toldTrace;
        if (result != null || trace != null) {
            if (result == null || trace == null) {
                throw new UsageException("a saved run needs both --result R.result.json and --trace T.jsonl");
            }
            if (scheme.scheme != null || seed != null) {
                throw new UsageException("--scheme and --seed choose an emulated run; a saved run (--result) already has them");
            }
            try {
                RunResult saved = RunExports.readResult(Files.readString(result));
                if (!saved.lab().equals(argument.lab().name())) {
                    err.println(name() + ": " + result + " is a run of the lab '" + saved.lab() + "', not of " + argument.file()
                            + " ('" + argument.lab().name() + "'); name the lab the run was made from");
                    return Cli.UNUSABLE;
                }
                Trace events = RunExports.readTrace(trace);
                story = Story.of(saved, events);
                told = saved;
                toldTrace = events;
            } catch (IOException | RuntimeException e) {
                err.println(name() + ": cannot read the saved run (" + result + ", " + trace + "): " + IoProblems.describe(e));
                return Cli.UNUSABLE;
            }
        } else {
            Emulator.Outcome outcome;
            try {
                outcome = Emulator.run(argument.lab(), Emulator.Options.defaults(seed == null ? 1 : seed));
            } catch (EmulationException e) {
                err.println(name() + ": " + argument.file() + ": " + e.getMessage());
                return Cli.UNUSABLE;
            }
            story = Story.of(outcome.result(), outcome.trace());
            told = outcome.result();
            toldTrace = outcome.trace();
        }
        out.print(markdown ? StoryText.markdown(story) : StoryText.plain(story));
        if (gif != null || pngs != null) {
            return writePictures(argument, told, toldTrace, story, pictureSize);
        }
        return Cli.OK;
    }

    /** --size as {width, height}; checked before the run, so a typo costs no emulation. */
    private int[] pictureSize() throws UsageException {
        if (size != null && gif == null && pngs == null) {
            throw new UsageException("--size is the size of the pictures of --gif or --pngs; name one of them");
        }
        if (size == null) {
            return new int[] {1280, 720};
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})[xX×](\\d{1,5})").matcher(size.strip());
        if (!m.matches()) {
            throw new UsageException("--size takes WIDTHxHEIGHT in pixels, e.g. 1280x720, got '" + size + "'");
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if (width < MIN_PICTURE || height < MIN_PICTURE || width > MAX_PICTURE || height > MAX_PICTURE) {
            throw new UsageException("--size " + size + ": width and height must be between " + MIN_PICTURE + " and " + MAX_PICTURE
                    + " pixels, e.g. 1280x720");
        }
        return new int[] {width, height};
    }

    private int writePictures(LabArgument argument, RunResult told, Trace toldTrace, Story story, int[] pictureSize) {
        if (story.steps().isEmpty()) {
            err.println(name() + ": the story of " + argument.file() + " has no steps: no pictures to write");
            return Cli.UNUSABLE;
        }
        Optional<StoryPictures> drawing = StoryPictures.installed();
        if (drawing.isEmpty()) {
            err.println(name() + ": this installation cannot draw pictures (its user interface is not installed); the story above is the text");
            return Cli.UNUSABLE;
        }
        StoryPictures.Output output = new StoryPictures.Output(Optional.ofNullable(gif), Optional.ofNullable(pngs), pictureSize[0], pictureSize[1]);
        try {
            int count = drawing.get().write(argument.lab(), told, toldTrace, story, output);
            String size = pictureSize[0] + "×" + pictureSize[1];
            if (gif != null) {
                err.println("Wrote " + gif + ": " + count + " pictures of " + size + ", one per story step");
            }
            if (pngs != null) {
                err.println("Wrote " + count + " pictures of " + size + " to " + pngs + " (step-01.png …)");
            }
            return Cli.OK;
        } catch (IOException | RuntimeException e) {
            err.println(name() + ": cannot write the story's pictures: " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
    }
}
