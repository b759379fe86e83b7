package org.warplab.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed arguments of one command: positionals, {@code --flag} switches and {@code --option value}
 * (or {@code --option=value}). A command declares which options take values and which are switches,
 * so anything else is reported rather than ignored.
 */
final class Args {
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    private Args() {
    }

    static Args parse(String command, List<String> raw, Set<String> valueOptions, Set<String> switchOptions) throws UsageException {
        Args args = new Args();
        for (int i = 0; i < raw.size(); i++) {
            String arg = raw.get(i);
            if (arg.equals("--")) {
                args.positionals.addAll(raw.subList(i + 1, raw.size()));
                break;
            }
            if (arg.startsWith("--") || (arg.startsWith("-") && arg.length() == 2 && !Character.isDigit(arg.charAt(1)))) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (name.equals("-h")) {
                    name = "--help";
                }
                if (switchOptions.contains(name) || name.equals("--help")) {
                    if (value != null) {
                        throw new UsageException(name + " takes no value");
                    }
                    args.switches.add(name);
                } else if (valueOptions.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= raw.size()) {
                            throw new UsageException(name + " needs a value; see 'warplab " + command + " --help'");
                        }
                        value = raw.get(++i);
                    }
                    args.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option " + name + " for '" + command + "'; see 'warplab " + command + " --help'");
                }
            } else {
                args.positionals.add(arg);
            }
        }
        return args;
    }

    /** Every argument as a positional, for commands that parse their own. */
    static Args raw(List<String> raw) {
        Args args = new Args();
        args.positionals.addAll(raw);
        return args;
    }

    List<String> positionals() {
        return positionals;
    }

    boolean has(String switchName) {
        return switches.contains(switchName);
    }

    Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    long longOption(String name, long fallback) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a whole number, got '" + value.get() + "'");
        }
    }
}
