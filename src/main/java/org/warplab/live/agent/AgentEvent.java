package org.warplab.live.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** One line an agent wrote: its monotonic time, the event name, and its fields. */
public record AgentEvent(String agent, long timeNs, String event, JsonNode fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a line of an agent's output; anything that is not an event line is empty. */
    public static Optional<AgentEvent> parse(String agent, String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.has("t") || !node.has("event")) {
                return Optional.empty();
            }
            return Optional.of(new AgentEvent(agent, node.get("t").asLong(), node.get("event").asText(), node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String text(String field) {
        JsonNode value = fields.get(field);
        return value == null ? "" : value.asText();
    }

    public long number(String field) {
        JsonNode value = fields.get(field);
        return value == null ? 0 : value.asLong();
    }
}
