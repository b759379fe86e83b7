package org.warplab.live;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A process to run: its argument array (never a shell string built from lab data), optional
 * standard input, and how long it may take.
 */
public record Command(List<String> argv, String stdin, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, DEFAULT_TIMEOUT);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, DEFAULT_TIMEOUT);
    }

    public Command withStdin(String input) {
        return new Command(argv, input, timeout);
    }

    public Command withTimeout(Duration limit) {
        return new Command(argv, stdin, limit);
    }

    /** The command as a person would type it, for messages and logs (quoted where needed). */
    public String display() {
        StringBuilder out = new StringBuilder();
        for (String arg : argv) {
            if (out.length() > 0) {
                out.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@+%".indexOf(c) >= 0);
            out.append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return out.toString();
    }
}
