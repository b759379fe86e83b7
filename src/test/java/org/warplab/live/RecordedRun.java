package org.warplab.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.warplab.io.LabFiles;
import org.warplab.live.agent.AgentEvent;
import org.warplab.model.Lab;
import org.warplab.run.RunExports;
import org.warplab.run.RunResult;

/**
 * A live run kept on disk, to be measured again without root: the lab exactly as it ran, the
 * migrations' times, every agent's event lines (as the agent wrote them, plus its name) in the
 * order it reported them, and the result the live run printed.
 *
 * <pre>
 * NAME/lab.warplab.json     the lab as run (scheme and VM runtime applied, moves repeated)
 * NAME/windows.json         origin, end and each migration's times (host monotonic ns)
 * NAME/agent-events.jsonl   {"agent": ..., "t": ..., "event": ..., fields} per line
 * NAME/result.json          the live run's result
 * </pre>
 */
record RecordedRun(Lab lab, LiveRecording recording, RunResult result) {

    static final String RESOURCES = "/org/warplab/live/recorded/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The times of a run, as stored in windows.json. */
    record Times(long originNs, long endNs, List<MigrationWindow> windows) { }

    static RecordedRun load(String name) throws Exception {
        Lab lab = LabFiles.parse(Path.of(name, "lab.warplab.json"), resource(name, "lab.warplab.json")).lab();
        Times times = JSON.readValue(resource(name, "windows.json"), Times.class);
        Map<String, List<AgentEvent>> byAgent = new LinkedHashMap<>();
        for (String line : resource(name, "agent-events.jsonl").lines().toList()) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            String agent = node.remove("agent").asText();
            AgentEvent event = AgentEvent.parse(agent, node.toString(), 0);
            if (event.isProblem()) {
                throw new IllegalStateException("not an event line: " + line + ": " + event.text("reason"));
            }
            byAgent.computeIfAbsent(agent, k -> new ArrayList<>()).add(event);
        }
        RunResult result = RunExports.readResult(resource(name, "result.json"));
        return new RecordedRun(lab, new LiveRecording(times.originNs(), times.endNs(), times.windows(), byAgent), result);
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lab.warplab.json"), LabFiles.toJson(lab));
        Files.writeString(dir.resolve("windows.json"), JSON.writeValueAsString(new Times(recording.originNs(), recording.endNs(), recording.windows())) + "\n");
        List<String> lines = new ArrayList<>();
        recording.agentEvents().forEach((agent, events) -> events.forEach(e -> {
            ObjectNode line = JSON.createObjectNode();
            line.put("agent", agent);
            line.setAll((ObjectNode) e.fields());
            lines.add(line.toString());
        }));
        Files.write(dir.resolve("agent-events.jsonl"), lines);
        Files.writeString(dir.resolve("result.json"), RunExports.resultJson(result));
    }

    private static String resource(String name, String file) throws IOException {
        try (InputStream in = RecordedRun.class.getResourceAsStream(RESOURCES + name + "/" + file)) {
            if (in == null) {
                throw new IOException("no recorded run " + name + "/" + file + " under src/test/resources" + RESOURCES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
