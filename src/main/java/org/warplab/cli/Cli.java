package org.warplab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code warplab COMMAND ...}: the headless face of WarpLab. */
public final class Cli {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int UNUSABLE = 2;

    /** The options each command accepts, besides --help: values, then switches. */
    private record Spec(Command command, Set<String> valueOptions, Set<String> switches) { }

    private final Map<String, Spec> commands = new LinkedHashMap<>();

    public Cli() {
        add(new ValidateCommand(), Set.of(), Set.of());
        add(new FormatCommand(), Set.of(), Set.of("--check"));
        add(new EmulateCommand(), Set.of("--scheme", "--seed", "--report", "--trace", "--pcap"), Set.of());
        add(new CompareCommand(), Set.of("--seed", "--jobs"), Set.of());
        add(new SweepCommand(), SweepCommand.VALUE_OPTIONS, Set.of());
        add(new BenchCommand(), Set.of("--flows", "--duration-ms"), Set.of());
        add(new ConfigsCommand(), ConfigsCommand.VALUE_OPTIONS, ConfigsCommand.SWITCHES);
        add(new ExportCommand(), ExportCommand.VALUE_OPTIONS, ExportCommand.SWITCHES);
        add(new LiveCommand(), Set.of("--scheme", "--report", "--trace", "--repeat", "--agent-events", "--vm", "--pcap"), Set.of("--compare-emulated"));
        add(new AgentCommand(), Set.of(), Set.of());
        add(new GuestCommand(), GuestCommand.VALUE_OPTIONS, GuestCommand.SWITCHES);
    }

    private void add(Command command, Set<String> valueOptions, Set<String> switches) {
        commands.put(command.name(), new Spec(command, valueOptions, switches));
    }

    public static boolean isCommand(String word) {
        return new Cli().commands.containsKey(word) || word.equals("--help") || word.equals("-h") || word.equals("help")
                || word.equals("--version");
    }

    /**
     * Runs {@code argv}; returns the process exit code. Never throws for bad input. A PrintStream
     * swallows write errors, so a full disk behind standard output ({@code > /dev/full}) is
     * noticed here, after the command, and fails the run.
     */
    public int run(String[] argv, PrintStream out, PrintStream err) {
        int code = runCommand(argv, out, err);
        out.flush();
        if (out.checkError()) {
            err.println("warplab: cannot write to standard output (the disk may be full, or the reader has gone); the output is incomplete");
            return UNUSABLE;
        }
        return code;
    }

    private int runCommand(String[] argv, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            if (args.size() > 1 && commands.containsKey(args.get(1))) {
                out.print(commands.get(args.get(1)).command().help());
                return OK;
            }
            out.print(overview());
            return OK;
        }
        if (args.get(0).equals("--version")) {
            out.println("warplab " + version());
            return OK;
        }
        Spec spec = commands.get(args.get(0));
        if (spec == null) {
            err.println("warplab: '" + args.get(0) + "' is not a command.");
            err.print(overview());
            return UNUSABLE;
        }
        try {
            List<String> rest = args.subList(1, args.size());
            if (spec.command().takesRawArguments() && !rest.equals(List.of("--help"))) {
                return spec.command().run(Args.raw(rest), out, err);
            }
            Args parsed = Args.parse(spec.command().name(), rest, spec.valueOptions(), spec.switches());
            if (parsed.has("--help")) {
                out.print(spec.command().help());
                return OK;
            }
            return spec.command().run(parsed, out, err);
        } catch (UsageException e) {
            err.println("warplab " + spec.command().name() + ": " + e.getMessage());
            return UNUSABLE;
        } catch (RuntimeException e) {
            // a last resort: every expected failure has its own message; this one is a bug of ours
            err.println("warplab " + spec.command().name() + ": internal error: " + e + " (please report it with the command line and the lab file)");
            return UNUSABLE;
        }
    }

    private String overview() {
        StringBuilder text = new StringBuilder("""
                WarpLab: design and run wide-area live-migration labs.

                Usage: warplab                      open the designer (GUI)
                       warplab LAB.warplab.json     open a lab in the designer
                       warplab COMMAND [OPTIONS]    run headless

                Commands:
                """);
        commands.values().forEach(s -> text.append(String.format("  %-10s %s%n", s.command().name(), s.command().summary())));
        text.append("\n'warplab COMMAND --help' tells more about a command.\n");
        return text.toString();
    }

    static String version() {
        String version = Cli.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
