package org.warplab.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.warplab.files.SafeWrite;

/** Writes a run's result as JSON, its trace as JSON lines (one event per line) and its captures as pcap files. */
public final class RunExports {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunExports() {
    }

    public static String resultJson(RunResult result) {
        try {
            return MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON", e);
        }
    }

    public static RunResult readResult(String json) throws IOException {
        return MAPPER.readValue(json, RunResult.class);
    }

    public static String eventJson(TraceEvent event) {
        try {
            return MAPPER.writerFor(TraceEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a trace event as JSON", e);
        }
    }

    public static TraceEvent readEvent(String line) throws IOException {
        return MAPPER.readValue(line, TraceEvent.class);
    }

    public static void writeResult(RunResult result, Path file) throws IOException {
        SafeWrite.text(file, resultJson(result));
    }

    public static void writeTrace(Trace trace, Writer out) throws IOException {
        var writer = MAPPER.writerFor(TraceEvent.class);
        for (TraceEvent event : trace.events()) {
            out.write(writer.writeValueAsString(event));
            out.write('\n');
        }
    }

    public static void writeTrace(Trace trace, Path file) throws IOException {
        SafeWrite.stream(file, stream -> {
            BufferedWriter out = new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
            writeTrace(trace, out);
            out.flush();
        });
    }

    public static Trace readTrace(Path file) throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(readEvent(line));
            }
        }
        return new Trace(events);
    }

    /** Writes one {@code POINT.pcap} per capture into {@code directory}; returns the files. */
    public static List<Path> writeCaptures(List<Capture> captures, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> files = new ArrayList<>();
        for (Capture capture : captures) {
            Path file = directory.resolve(safeFileName(capture.point()) + ".pcap");
            PcapWriter.write(capture, file);
            files.add(file);
        }
        return files;
    }

    static String safeFileName(String point) {
        String cleaned = point.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "capture" : cleaned;
    }
}
