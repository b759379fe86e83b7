package org.warplab.live;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.warplab.files.SafeWrite;

/**
 * What a live run has created, written to a state file as it goes, so that a run killed with
 * SIGKILL can still be undone by {@code warplab live cleanup}. Kept under /run, which is emptied at
 * boot just like the namespaces it describes: so each write is atomic (a killed run leaves the old
 * list or the new one) but not forced to disk, which only a machine crash would need.
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        addNamespaces(List.of(namespace));
    }

    /** Records namespaces about to be created, in one write. */
    public synchronized void addNamespaces(List<String> created) {
        namespaces.addAll(created);
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
            SafeWrite.bytes(file(), json(snapshot()).getBytes(StandardCharsets.UTF_8), SafeWrite.Durability.PROCESS_EXIT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the live state file " + file(), e);
        }
    }

    /**
     * The snapshot as {@link #leftovers} reads it, written field by field: binding a record to JSON
     * the first time in a JVM costs 50-90 ms of introspection, and the first write falls inside the
     * lab's build.
     */
    static String json(Snapshot snapshot) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("labId", snapshot.labId());
            json.writeArrayFieldStart("namespaces");
            for (String namespace : snapshot.namespaces()) {
                json.writeString(namespace);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("processes");
            for (TrackedProcess process : snapshot.processes()) {
                json.writeStartObject();
                json.writeNumberField("pid", process.pid());
                json.writeNumberField("startMillis", process.startMillis());
                json.writeStringField("what", process.what());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toString();
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
