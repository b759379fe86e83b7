package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.warplab.emulation.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.run.story.Story;
import org.warplab.run.story.StoryText;

/** {@code warplab story LAB}: the steps of a run's migrations with their times, captions and why — a handout. */
final class StoryCommand implements Command {

    @Override
    public String name() {
        return "story";
    }

    @Override
    public String summary() {
        return "tell a run's migrations step by step, with the run's own figures";
    }

    @Override
    public String help() {
        return """
                Usage: warplab story LAB.warplab.json [--scheme S] [--seed N] [--markdown]
                       warplab story LAB.warplab.json --result R.result.json --trace T.jsonl [--markdown]

                Runs the lab in the emulator (or reads a saved run, e.g. one of 'warplab live
                run --report R --trace T') and prints the significant moments of each
                migration in time order: the time, the kind of step and its id (stable, e.g.
                MIG1/rule-switched/R3), what happened with this run's figures and addresses,
                and one sentence on why.

                  --scheme S         run with another scheme: network-paging, segmentation,
                                     mobile-ipv6, none, l2-extension, routing-move
                  --seed N           seed of the emulator's random source; default 1
                  --result F         tell the story of a saved run instead (needs --trace)
                  --trace F          the saved run's trace (JSON lines)
                  --markdown         a Markdown table instead of plain text

                Exit codes: 0 told, 1 the lab has errors, 2 unreadable file, bad option, or a
                lab the emulator cannot run.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        LabArgument argument;
        try {
            argument = LabArgument.load(name(), args.positionals(), args.option("--scheme"), err);
        } catch (LabArgument.Refused refused) {
            return refused.exitCode;
        }
        Story story;
        if (args.option("--result").isPresent() || args.option("--trace").isPresent()) {
            if (args.option("--result").isEmpty() || args.option("--trace").isEmpty()) {
                throw new UsageException("a saved run needs both --result R.result.json and --trace T.jsonl");
            }
            if (args.option("--scheme").isPresent() || args.option("--seed").isPresent()) {
                throw new UsageException("--scheme and --seed choose an emulated run; a saved run (--result) already has them");
            }
            Path resultFile = Path.of(args.option("--result").get());
            Path traceFile = Path.of(args.option("--trace").get());
            try {
                RunResult result = RunExports.readResult(Files.readString(resultFile));
                if (!result.lab().equals(argument.lab().name())) {
                    err.println("warplab story: " + resultFile + " is a run of the lab '" + result.lab() + "', not of " + argument.file()
                            + " ('" + argument.lab().name() + "'); name the lab the run was made from");
                    return Cli.UNUSABLE;
                }
                Trace trace = RunExports.readTrace(traceFile);
                story = Story.of(result, trace);
            } catch (IOException | RuntimeException e) {
                err.println("warplab story: cannot read the saved run (" + resultFile + ", " + traceFile + "): " + e.getMessage());
                return Cli.UNUSABLE;
            }
        } else {
            long seed = args.longOption("--seed", 1);
            Emulator.Outcome outcome;
            try {
                outcome = Emulator.run(argument.lab(), Emulator.Options.defaults(seed));
            } catch (EmulationException e) {
                err.println("warplab story: " + argument.file() + ": " + e.getMessage());
                return Cli.UNUSABLE;
            }
            story = Story.of(outcome.result(), outcome.trace());
        }
        out.print(args.has("--markdown") ? StoryText.markdown(story) : StoryText.plain(story));
        return Cli.OK;
    }
}
