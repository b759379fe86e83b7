package org.warplab.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Units;
import org.warplab.run.MigrationMetrics;

/**
 * The live soak of issue 18: one built lab, N moves back and forth, and what the host looks like
 * before, during and after — the agents' resident memory and open descriptors sampled once a
 * second, this runner's own descriptors, the lab's namespaces, agent processes and temporary
 * files — beside each move's switching time and downtime, so growth shows as a trend, not a guess.
 * Run as root: {@code java -cp target/classes:target/test-classes:DEPS org.warplab.live.LiveSoakBench [LAB] [MOVES]}.
 */
public final class LiveSoakBench {

    private LiveSoakBench() {
    }

    /** What the host holds of live runs at one moment. */
    record HostSnapshot(int namespaces, int agents, long agentRssKiB, int agentFds, int runnerFds, int tempEntries) {

        static HostSnapshot take() throws IOException {
            int agents = 0;
            long rss = 0;
            int fds = 0;
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
                for (Path proc : procs) {
                    String cmdline = read(proc.resolve("cmdline")).replace('\0', ' ');
                    if (!cmdline.contains(AgentProcess.LAB_PROPERTY + "=") || !cmdline.contains("org.warplab")) {
                        continue;
                    }
                    agents++;
                    rss += read(proc.resolve("status")).lines().filter(l -> l.startsWith("VmRSS:"))
                            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
                    fds += count(proc.resolve("fd"));
                }
            }
            int namespaces = 0;
            Path netns = Path.of("/run/netns");
            if (Files.isDirectory(netns)) {
                try (Stream<Path> names = Files.list(netns)) {
                    namespaces = (int) names.filter(p -> p.getFileName().toString().startsWith(NamespaceNames.PREFIX)).count();
                }
            }
            int temp;
            try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
                temp = (int) tmp.filter(p -> p.getFileName().toString().startsWith("warplab-live-")).count();
            }
            return new HostSnapshot(namespaces, agents, rss, fds, count(Path.of("/proc/self/fd")), temp);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return ""; // the process ended between listing and reading
            }
        }

        private static int count(Path dir) {
            try (Stream<Path> entries = Files.list(dir)) {
                return (int) entries.count();
            } catch (IOException e) {
                return 0;
            }
        }
    }

    record Sample(long atNs, HostSnapshot host) { }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "sample-labs/paging-paper.warplab.json");
        int moves = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Lab lab = BackAndForth.repeat(LabFiles.load(file).lab(), moves, 2_000_000_000L);
        System.out.println("Live soak: " + file + ", " + moves + " moves, " + Instant.now() + ", load " + loadAverage());

        HostSnapshot before = HostSnapshot.take();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    samples.add(new Sample(System.nanoTime() - start, HostSnapshot.take()));
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    System.err.println("sample failed: " + e.getMessage());
                }
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        ProcessCommandRunner runner = new ProcessCommandRunner();
        LiveRunner live = new LiveRunner(runner, HostTools.fromEnvironment(), LiveState.DEFAULT_DIR, step -> { });
        LiveRunner.Outcome outcome = live.run(lab, lab.scheme(), new LiveRunner.Options(Optional.empty(), Optional.empty()));
        sampler.interrupt();
        sampler.join();
        long wallNs = System.nanoTime() - start;
        Thread.sleep(500); // agents exit after their input closes
        HostSnapshot after = HostSnapshot.take();

        List<MigrationMetrics> metrics = outcome.result().migrations();
        // the samples with every agent up: not the start-up before the first agent, nor the teardown after the last move
        int allAgents = samples.stream().mapToInt(s -> s.host().agents()).max().orElse(0);
        List<Sample> running = samples.stream().filter(s -> allAgents > 0 && s.host().agents() == allAgents).toList();
        System.out.printf("%nbuild %s, %d moves in %.0f s, %d samples with all agents up%n", Units.ms(outcome.buildNs(), 1), metrics.size(), wallNs / 1e9, running.size());
        System.out.println();
        System.out.println("tenth  moves      switching median  downtime median  agents  agent RSS (MiB)  agent fds  runner fds");
        // moves are evenly spaced and the sampler ticks evenly, so the i-th tenth of each belong together
        for (int tenth = 0; tenth < 10; tenth++) {
            List<MigrationMetrics> part = metrics.subList(metrics.size() * tenth / 10, metrics.size() * (tenth + 1) / 10);
            List<Sample> during = running.subList(running.size() * tenth / 10, running.size() * (tenth + 1) / 10);
            if (part.isEmpty()) {
                continue;
            }
            HostSnapshot last = during.isEmpty() ? null : during.get(during.size() - 1).host();
            System.out.printf("%5d  %4d-%-4d  %16s  %15s  %6s  %15s  %9s  %10s%n", tenth + 1, metrics.size() * tenth / 10 + 1, metrics.size() * tenth / 10 + part.size(),
                    ms(median(part.stream().map(MigrationMetrics::switchingTimeNs).toList())),
                    ms(median(part.stream().map(m -> (Long) m.downtimeNs()).toList())),
                    last == null ? "—" : last.agents(), last == null ? "—" : String.format("%.1f", last.agentRssKiB() / 1024.0),
                    last == null ? "—" : last.agentFds(), last == null ? "—" : last.runnerFds());
        }
        System.out.println();
        System.out.println("host          namespaces  agent processes  /tmp/warplab-live-*  runner fds");
        System.out.printf("before        %10d  %15d  %19d  %10d%n", before.namespaces(), before.agents(), before.tempEntries(), before.runnerFds());
        System.out.printf("after         %10d  %15d  %19d  %10d%n", after.namespaces(), after.agents(), after.tempEntries(), after.runnerFds());
        if (!running.isEmpty()) {
            HostSnapshot first = running.get(Math.min(running.size() - 1, 10)).host(); // after the agents' start-up
            HostSnapshot last = running.get(running.size() - 1).host();
            System.out.printf("%nduring the moves (sample 11 → last): agent RSS %.1f → %.1f MiB, agent fds %d → %d, runner fds %d → %d%n",
                    first.agentRssKiB() / 1024.0, last.agentRssKiB() / 1024.0, first.agentFds(), last.agentFds(), first.runnerFds(), last.runnerFds());
        }
        System.out.println("load at the end " + loadAverage());
    }

    private static Long median(List<Long> values) {
        List<Long> present = new ArrayList<>(values.stream().filter(v -> v != null).toList());
        if (present.isEmpty()) {
            return null;
        }
        present.sort(Long::compare);
        return present.get(present.size() / 2);
    }

    private static String ms(Long ns) {
        return ns == null ? "—" : Units.ms(ns, 2);
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    }
}
