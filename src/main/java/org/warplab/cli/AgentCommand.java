package org.warplab.cli;

import java.util.ArrayList;
import java.util.List;
import org.warplab.live.agent.AgentMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code warplab agent KIND ...}: what live mode runs inside a lab's namespaces; not meant to be
 * typed by hand. Everything after KIND is the agent's own (see {@link Cli#commandLine}: parsing
 * stops at the first positional).
 */
@Command(name = "agent", description = {
    "(internal) A live-mode agent, started by live mode inside a lab's namespaces.",
    "",
    "Live mode starts agents inside a lab's network namespaces (announcement watcher, translator switcher, probe sender "
        + "and echo, delay relay). They report JSON lines on standard output and stop when their input closes. You do not "
        + "need to run them yourself."})
final class AgentCommand extends HeadlessCommand {

    @Parameters(paramLabel = "KIND", arity = "0..*", description = "The agent kind, then its own --name value arguments.")
    List<String> words = new ArrayList<>();

    @Override
    int run() {
        return AgentMain.run(words);
    }
}
