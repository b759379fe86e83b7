package org.warplab.live.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One line an agent wrote: its monotonic time, the event, and its fields. Every event the agents
 * send is a {@link Kind} with the fields it must carry; a line that is not one (not JSON, no time,
 * an unknown event, a field missing or of the wrong type) becomes a {@link Kind#MALFORMED} or
 * {@link Kind#UNRECOGNIZED} event that says why, so the runner reports it instead of dropping it.
 */
public record AgentEvent(String agent, long timeNs, String event, JsonNode fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field's type on the wire. */
    enum Type { TEXT, NUMBER, FLAG }

    /** The events of the runner ↔ agent protocol, by their wire names, with the fields each must carry. */
    public enum Kind {
        READY("ready"), STOPPED("stopped"), FAILED("failed", "reason"), ERROR("error", "reason"),
        // probe and echo
        SENT("sent", "#seq"), SEND_FAILED("send-failed", "#seq", "reason"), ECHO("echo", "#seq", "#rtt", "from"),
        ECHOED("echoed", "#seq", "#sent", "from", "#left"), DISCARDED("discarded", "#seq", "#sent", "from", "reason"),
        PAUSED("paused"), RESUMED("resumed"), ANNOUNCE_PREPARED("announce-prepared", "device"), ANNOUNCED("announced", "kind", "mac"),
        // delay relay
        CARRIED("carried", "link", "side", "#captured", "#seq", "#sent", "?echo", "src", "dst"),
        RELAY_LOST("relay-lost", "link", "side", "#captured", "#seq", "#sent", "?echo", "src", "dst"), STATS("stats", "#relayed", "#dropped"),
        // network paging: watcher and switcher
        ANNOUNCEMENT_SEEN("announcement-seen", "kind", "mac", "vm", "location"), ANNOUNCEMENT_REPEATED("announcement-repeated", "mac", "#sinceMs"),
        CONFIG_SENT("config-sent", "to", "vm", "location", "#seq"), HELLO("hello", "from", "location"), IGNORED("ignored", "from", "message"),
        CONFIG_RECEIVED("config-received", "from", "vm", "location", "seq"), RULE_SWITCHED("rule-switched", "vm", "location", "rule", "#received"),
        // Mobile IPv6: mobile node and home agent
        ATTACHED("attached", "device"), ROUTER_ADVERTISEMENT("router-advertisement", "prefix", "router", "care-of"),
        CARE_OF_CONFIGURED("care-of-configured", "care-of", "dad"), DAD_PROBE("dad-probe", "target"),
        BINDING_UPDATE_SENT("binding-update-sent", "#sequence", "care-of", "home-address", "#lifetime-s"),
        BINDING_UPDATE_RECEIVED("binding-update-received", "home-address", "care-of", "#sequence", "#lifetime-s", "device"),
        HOME_DAD_STARTED("home-dad-started", "home-address"), HOME_DAD_DONE("home-dad-done", "home-address"),
        BINDING_ACK_SENT("binding-ack-sent", "home-address", "care-of", "#status", "#sequence"),
        BINDING_ACKNOWLEDGED("binding-acknowledged", "#sequence", "#lifetime-s", "care-of"),
        BINDING_INSTALLED("binding-installed", "home-address", "care-of"), DEREGISTERED("deregistered", "home-address", "care-of"),
        FIRST_PACKET_HOME_ADDRESS("first-packet-home-address", "care-of"),
        /** Made by the runner: a line it could not read as an event ({@code line}, {@code reason}). */
        MALFORMED("malformed", "line", "reason"),
        /** Made by the runner: an event it does not know ({@code line}, {@code reason}). */
        UNRECOGNIZED("unrecognized", "line", "reason");

        private static final Map<String, Kind> BY_NAME = Arrays.stream(values()).collect(Collectors.toMap(k -> k.wireName, Function.identity()));

        private final String wireName;
        /** Field names, "#" before a number, "?" before a flag. */
        private final String[] required;

        Kind(String wireName, String... required) {
            this.wireName = wireName;
            this.required = required;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Kind> of(String wireName) {
            return Optional.ofNullable(BY_NAME.get(wireName));
        }

        /** Why {@code fields} are not this event's, if they are not. */
        Optional<String> problem(JsonNode fields) {
            for (String spec : required) {
                Type type = spec.startsWith("#") ? Type.NUMBER : spec.startsWith("?") ? Type.FLAG : Type.TEXT;
                String name = type == Type.TEXT ? spec : spec.substring(1);
                JsonNode value = fields.get(name);
                boolean ok = value != null && switch (type) {
                    case NUMBER -> value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d{1,18}");
                    case FLAG -> value.isBoolean();
                    case TEXT -> value.isValueNode() && !value.isNull();
                };
                if (!ok) {
                    return Optional.of("'" + wireName + "' needs " + (type == Type.NUMBER ? "a number" : type == Type.FLAG ? "true or false" : "a text")
                            + " '" + name + "'" + (value == null ? ", which is missing" : ", found " + value));
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Reads a line of an agent's output. What is not a well-formed event of a known kind becomes
     * a MALFORMED or UNRECOGNIZED event at {@code receivedNs}, holding the line and the reason.
     */
    public static AgentEvent parse(String agent, String line, long receivedNs) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return problem(agent, receivedNs, Kind.MALFORMED, line, "not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (node == null || !node.isObject() || !node.path("t").isIntegralNumber() || !node.path("event").isTextual()) {
            return problem(agent, receivedNs, Kind.MALFORMED, line, "an event is a JSON object with a number 't' and a text 'event'");
        }
        String event = node.get("event").asText();
        Optional<Kind> kind = Kind.of(event);
        if (kind.isEmpty() || kind.get() == Kind.MALFORMED || kind.get() == Kind.UNRECOGNIZED) {
            return problem(agent, receivedNs, Kind.UNRECOGNIZED, line, "no event '" + event + "' in the agent protocol");
        }
        Optional<String> problem = kind.get().problem(node);
        if (problem.isPresent()) {
            return problem(agent, receivedNs, Kind.MALFORMED, line, problem.get());
        }
        return new AgentEvent(agent, node.get("t").asLong(), event, node);
    }

    private static AgentEvent problem(String agent, long atNs, Kind kind, String line, String reason) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("t", atNs).put("event", kind.wireName()).put("line", line.length() > 300 ? line.substring(0, 300) + "..." : line).put("reason", reason);
        return new AgentEvent(agent, atNs, kind.wireName(), fields);
    }

    /** This event's kind ({@link Kind#UNRECOGNIZED} for a name the protocol does not have). */
    public Kind kind() {
        return Kind.of(event).orElse(Kind.UNRECOGNIZED);
    }

    public boolean is(Kind kind) {
        return event.equals(kind.wireName());
    }

    /** A text field; an absent one (optional in its event) reads as "". */
    public String text(String field) {
        JsonNode value = fields.get(field);
        return value == null ? "" : value.asText();
    }

    /** A number field; absent, it is an error, never 0. */
    public long number(String field) {
        JsonNode value = fields.get(field);
        if (value == null || !(value.isIntegralNumber() || value.isTextual() && value.asText().matches("-?\\d{1,18}"))) {
            throw new IllegalStateException("agent " + agent + "'s '" + event + "' event has no number '" + field + "'"
                    + (value == null ? "" : " (found " + value + ")"));
        }
        return value.asLong();
    }

    public boolean flag(String field) {
        return fields.path(field).asBoolean(false);
    }

    /** A line that could not be read, or an event the runner does not know. */
    public boolean isProblem() {
        return is(Kind.MALFORMED) || is(Kind.UNRECOGNIZED);
    }
}
