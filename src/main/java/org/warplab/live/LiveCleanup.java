package org.warplab.live;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes everything live mode created: the processes its state files list, every process running
 * inside a {@code wl-} namespace, and the namespaces themselves (which takes their interfaces,
 * bridges, routes and rules with them). Idempotent: safe to run at any time, any number of times.
 */
public final class LiveCleanup {

    /** What a cleanup removed. */
    public record Report(List<String> namespaces, List<Long> processes, List<String> failures) {
        public boolean nothingFound() {
            return namespaces.isEmpty() && processes.isEmpty() && failures.isEmpty();
        }
    }

    private final CommandRunner runner;
    private final HostTools tools;
    private final Path stateDir;

    public LiveCleanup(CommandRunner runner, HostTools tools, Path stateDir) {
        this.runner = runner;
        this.tools = tools;
        this.stateDir = stateDir;
    }

    /** Cleans up every lab's leftovers ({@code labPrefix} "wl-") or one lab's ("wl-ab12-"). */
    public Report clean(String labPrefix) {
        return clean(labPrefix, java.util.Set.of());
    }

    /**
     * As {@link #clean(String)}, leaving alone the labs in {@code spared} (lab ids whose live run is
     * still going on: {@link LiveLock#labsRunning}). Also removes the run's temporary files
     * ({@code warplab-live-LAB-*} in the temp directory), which a killed run leaves behind.
     */
    public Report clean(String labPrefix, java.util.Set<String> spared) {
        java.util.function.Predicate<String> sparedName = name -> spared.stream().anyMatch(id -> name.startsWith(NamespaceNames.PREFIX + id + "-"));
        List<String> removed = new ArrayList<>();
        List<Long> stopped = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LiveState.Snapshot state : LiveState.leftovers(stateDir)) {
            if (!(NamespaceNames.PREFIX + state.labId() + "-").startsWith(labPrefix) || spared.contains(state.labId())) {
                continue;
            }
            for (LiveState.TrackedProcess tracked : state.processes()) {
                ProcessHandle.of(tracked.pid())
                        .filter(p -> tracked.startMillis() == 0 || p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L) == tracked.startMillis())
                        .ifPresent(p -> kill(p, stopped));
            }
        }
        String ip = tools.path("ip");
        for (String namespace : namespaces(labPrefix).stream().filter(sparedName.negate()).toList()) {
            CommandResult pids = runner.run(ip, "netns", "pids", namespace);
            for (String line : pids.stdout().split("\\s+")) {
                if (line.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(line)).ifPresent(p -> kill(p, stopped));
                }
            }
            CommandResult delete = runner.run(ip, "netns", "delete", namespace);
            if (delete.ok()) {
                removed.add(namespace);
            } else if (delete.stderr().contains("No such file or directory")) {
                // gone between listing and deleting: another cleanup got there first
                continue;
            } else {
                failures.add("could not delete namespace " + namespace + ": " + delete.stderr().strip());
            }
        }
        // agents that were still starting when their run died are not inside a namespace yet; find them by name
        for (ProcessHandle agent : agentsOf(labPrefix)) {
            boolean ofSpared = agent.info().arguments().map(args -> java.util.Arrays.stream(args)
                    .anyMatch(a -> a.startsWith(AgentProcess.LAB_PROPERTY + "=") && sparedName.test(a.substring(a.indexOf('=') + 1)))).orElse(false);
            if (!ofSpared) {
                kill(agent, stopped);
            }
        }
        removeTempFiles(labPrefix, sparedName, failures);
        if (failures.isEmpty()) {
            for (LiveState.Snapshot state : LiveState.leftovers(stateDir)) {
                if ((NamespaceNames.PREFIX + state.labId() + "-").startsWith(labPrefix) && !spared.contains(state.labId())) {
                    LiveState.forget(stateDir, state.labId());
                }
            }
        }
        return new Report(removed, stopped, failures);
    }

    static final String TEMP_PREFIX = "warplab-live-";

    /** A run's generated configs and logs ({@code warplab-live-LAB-*} in the temp directory) whose lab matches and is not spared. */
    private static void removeTempFiles(String labPrefix, java.util.function.Predicate<String> sparedName, List<String> failures) {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(temp)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(TEMP_PREFIX)) {
                    continue;
                }
                String asNamespace = NamespaceNames.PREFIX + name.substring(TEMP_PREFIX.length());
                if (asNamespace.startsWith(labPrefix) && !sparedName.test(asNamespace)) {
                    try {
                        deleteTree(entry);
                    } catch (java.io.IOException | java.io.UncheckedIOException e) {
                        failures.add("could not remove " + entry + ": " + e.getMessage());
                    }
                }
            }
        } catch (java.io.IOException e) {
            failures.add("could not list " + temp + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    /** The namespaces whose names start with {@code prefix}, as {@code ip netns list} shows them. */
    public List<String> namespaces(String prefix) {
        CommandResult list = runner.run(tools.path("ip"), "netns", "list");
        List<String> out = new ArrayList<>();
        for (String line : list.stdout().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty() && name.startsWith(prefix) && NamespaceNames.isOurs(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Live-mode agents (and the `ip netns exec` that starts them) of namespaces under {@code prefix}. */
    static List<ProcessHandle> agentsOf(String prefix) {
        String marker = AgentProcess.LAB_PROPERTY + "=" + prefix;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.stream(args).anyMatch(a -> a.startsWith(marker))).orElse(false))
                .toList();
    }

    private static void kill(ProcessHandle process, List<Long> stopped) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return;
        }
        process.destroyForcibly();
        Optional.ofNullable(process.onExit()).ifPresent(f -> {
            try {
                f.get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // a process that does not die within 2 s is reported by the namespace delete failing
            }
        });
        stopped.add(process.pid());
    }
}
