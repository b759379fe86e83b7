package org.warplab.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.warplab.io.LabFiles;

/**
 * What a live run has created, written to a state file as it goes, so that a run killed with
 * SIGKILL can still be undone by {@code warplab live cleanup}. Kept under /run, which is emptied at
 * boot just like the namespaces it describes.
 */
public final class LiveState {

    public static final Path DEFAULT_DIR = Path.of("/run/warplab");

    /** A process live mode started: its pid and start time, so a reused pid is never killed by mistake. */
    public record TrackedProcess(long pid, long startMillis, String what) { }

    /** The content of one state file. */
    public record Snapshot(String labId, List<String> namespaces, List<TrackedProcess> processes) {
        public Snapshot {
            namespaces = List.copyOf(namespaces);
            processes = List.copyOf(processes);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final String labId;
    private final List<String> namespaces = new ArrayList<>();
    private final List<TrackedProcess> processes = new ArrayList<>();

    public LiveState(Path dir, String labId) {
        this.dir = dir;
        this.labId = labId;
    }

    public Path file() {
        return dir.resolve(labId + ".json");
    }

    public synchronized void addNamespace(String namespace) {
        namespaces.add(namespace);
        persist();
    }

    public synchronized void addProcess(ProcessHandle process, String what) {
        long start = process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        processes.add(new TrackedProcess(process.pid(), start, what));
        persist();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(labId, namespaces, processes);
    }

    /** Forgets the run: called once everything it listed has been removed. */
    public synchronized void clear() {
        namespaces.clear();
        processes.clear();
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the live state file " + file(), e);
        }
    }

    private void persist() {
        try {
            LabFiles.writeAtomically(file(), JSON.writeValueAsString(snapshot()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the live state file " + file(), e);
        }
    }

    /** Every state file left in {@code dir} by runs that did not finish; unreadable ones are skipped. */
    public static List<Snapshot> leftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Snapshot> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(file.toFile(), Snapshot.class));
                } catch (IOException e) {
                    // a torn or foreign file: the namespace sweep still finds what it described
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    static void forget(Path dir, String labId) {
        try {
            Files.deleteIfExists(dir.resolve(labId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
