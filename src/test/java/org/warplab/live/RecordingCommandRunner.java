package org.warplab.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link CommandRunner} double: records every command and answers from canned results by command prefix.
 * Thread-safe: a lab build runs its per-namespace steps on a small pool, and a lost record made
 * ContainerlabExecMatchesLiveTest fail at random.
 */
final class RecordingCommandRunner implements CommandRunner {

    private final List<Command> commands = new ArrayList<>();
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();

    /** Commands whose display starts with {@code prefix} get this exit code and output. */
    synchronized RecordingCommandRunner answer(String prefix, int exitCode, String stdout, String stderr) {
        answers.put(prefix, new CommandResult(Command.of("canned-" + prefix), exitCode, stdout, stderr, 0));
        return this;
    }

    @Override
    public synchronized CommandResult run(Command command) {
        commands.add(command);
        String display = command.display();
        for (Map.Entry<String, CommandResult> answer : answers.entrySet()) {
            if (display.startsWith(answer.getKey())) {
                CommandResult canned = answer.getValue();
                return new CommandResult(command, canned.exitCode(), canned.stdout(), canned.stderr(), 0);
            }
        }
        return new CommandResult(command, 0, "", "", 0);
    }

    synchronized List<String> displayed() {
        return commands.stream().map(Command::display).toList();
    }
}
