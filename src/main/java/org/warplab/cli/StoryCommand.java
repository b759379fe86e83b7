package org.warplab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.IoProblems;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.story.Story;
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
        + "MIG1/rule-switched/R3), what happened with this run's figures and addresses, and one sentence on why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:told", "1:the lab has errors", "2:unreadable file, bad option, or a lab the emulator cannot run"})
final class StoryCommand extends HeadlessCommand {

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

    @Override
    int run() throws UsageException {
        LabArgument argument;
        try {
            argument = LabArgument.load("story", files, Optional.ofNullable(scheme.scheme), err);
        } catch (LabArgument.Refused refused) {
            return refused.exitCode;
        }
        Story story;
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
        }
        out.print(markdown ? StoryText.markdown(story) : StoryText.plain(story));
        return Cli.OK;
    }
}
