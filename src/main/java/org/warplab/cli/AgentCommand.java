package org.warplab.cli;

import java.io.PrintStream;
import org.warplab.live.agent.AgentMain;

/** {@code warplab agent KIND ...}: what live mode runs inside a lab's namespaces; not meant to be typed by hand. */
final class AgentCommand implements Command {

    @Override
    public String name() {
        return "agent";
    }

    @Override
    public String summary() {
        return "(internal) a live-mode agent: " + String.join(", ", AgentMain.KINDS);
    }

    @Override
    public String help() {
        return """
                Usage: warplab agent KIND --option value ...

                Live mode starts agents inside a lab's network namespaces (announcement watcher,
                translator switcher, probe sender and echo, delay relay). They report JSON lines on
                standard output and stop when their input closes. You do not need to run them yourself.
                """;
    }

    @Override
    public boolean takesRawArguments() {
        return true;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        return AgentMain.run(args.positionals());
    }
}
