package org.warplab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.warplab.model.Lab;

/**
 * A numeric parameter of a lab addressed by a dotted path over the lab file's JSON, with the
 * file's own names and units: {@code links.W2.delayMs}, {@code nodes.vm1.memoryMiB},
 * {@code migrations.MIG1.downtimeLimitMs}, {@code schemes.mobile-ipv6.raMaxIntervalMs},
 * {@code durationMs}. Elements of {@code nodes}, {@code links}, {@code migrations} and
 * {@code traffic} are named by id; other lists by position from 0. Setting a value changes the
 * lab's canonical JSON tree and reads the lab from it with the reader of a file on disk (and
 * through the text, for the messages, when the reader objects).
 * Shared by {@code warplab sweep} and the designer's sweep.
 */
public final class LabParameter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The path is wrong, names a field that is not a number, or the new value cannot be read back. */
    public static final class BadParameterException extends Exception {
        public BadParameterException(String message) {
            super(message);
        }
    }

    private final String path;
    private final List<String> segments;

    private LabParameter(String path, List<String> segments) {
        this.path = path;
        this.segments = segments;
    }

    public static LabParameter parse(String path) throws BadParameterException {
        if (path == null || path.isBlank()) {
            throw new BadParameterException("give a parameter path, e.g. links.W2.delayMs");
        }
        List<String> segments = List.of(path.split("\\.", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new BadParameterException("'" + path + "' has an empty part; write names joined by single dots, e.g. links.W2.delayMs");
        }
        return new LabParameter(path, segments);
    }

    public String path() {
        return path;
    }

    /** The parameter's value in {@code lab}. */
    public double valueIn(Lab lab) throws BadParameterException {
        return over(lab).current();
    }

    /** {@code lab} with the parameter set to {@code value}. */
    public Lab apply(Lab lab, double value) throws BadParameterException {
        return over(lab).apply(value);
    }

    /**
     * The parameter over one base lab, for setting many values (a sweep): the base's JSON tree is
     * built once, and each value's lab is read from a copy of it; building the tree again for every
     * point was a third of preparing a point.
     */
    public Over over(Lab base) throws BadParameterException {
        ObjectNode root = tree(base);
        return new Over(root, locate(root).value.asDouble());
    }

    /** {@link LabParameter} over one base lab; {@link #apply} may be called from several threads at once (the tree is only read). */
    public final class Over {
        private final ObjectNode base;
        private final double current;

        private Over(ObjectNode base, double current) {
            this.base = base;
            this.current = current;
        }

        /** The parameter's value in the base lab. */
        public double current() {
            return current;
        }

        /** The base lab with the parameter set to {@code value}. */
        public Lab apply(double value) throws BadParameterException {
            ObjectNode root = base.deepCopy();
            Location at = locate(root);
            // whole values are written as integers (as the file's reader would see them: int when it fits);
            // whether a field takes fractions is the reader's to say
            boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
            JsonNode replacement = !whole ? DoubleNode.valueOf(value)
                    : value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? IntNode.valueOf((int) value) : LongNode.valueOf((long) value);
            if (at.parent instanceof ObjectNode object) {
                object.set(at.field, replacement);
            } else {
                ((ArrayNode) at.parent).set(Integer.parseInt(at.field), replacement);
            }
            java.util.Optional<Lab> read = LabFiles.readIfProblemFree(root);
            if (read.isPresent()) {
                return read.get();
            }
            // the reader objects: read the text as a file would be, for its messages
            String text;
            try {
                text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the lab back as JSON", e);
            }
            try {
                return LabFiles.parse(Path.of(path + "=" + format(value)), text).lab();
            } catch (LabFileException e) {
                List<String> messages = new ArrayList<>();
                for (FileProblem problem : e.problems()) {
                    messages.add(problem.message());
                }
                throw new BadParameterException(path + " = " + format(value) + " makes the lab unreadable: " + String.join("; ", messages));
            }
        }
    }

    public static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static ObjectNode tree(Lab lab) throws BadParameterException {
        try {
            return (ObjectNode) MAPPER.readTree(LabFiles.toJson(lab));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical JSON of a lab does not parse", e);
        }
    }

    private record Location(JsonNode parent, String field, JsonNode value) { }

    private Location locate(ObjectNode root) throws BadParameterException {
        JsonNode parent = null;
        String field = null;
        JsonNode current = root;
        String walked = "";
        for (String segment : segments) {
            String here = walked.isEmpty() ? segment : walked + "." + segment;
            if (current instanceof ObjectNode object) {
                JsonNode next = object.get(segment);
                if (next == null) {
                    throw new BadParameterException(path + ": " + (walked.isEmpty() ? "the lab" : walked) + " has no '" + segment + "'; it has "
                            + fieldNames(object));
                }
                parent = current;
                field = segment;
                current = next;
            } else if (current instanceof ArrayNode array) {
                int index = indexIn(array, segment, walked);
                parent = current;
                field = Integer.toString(index);
                current = array.get(index);
            } else {
                throw new BadParameterException(path + ": " + walked + " is a value (" + current + "), it has no '" + segment + "'");
            }
            walked = here;
        }
        if (!current.isNumber()) {
            throw new BadParameterException(path + " is " + describe(current) + ", not a number; sweep a numeric field such as "
                    + numericExamples(parent));
        }
        return new Location(parent, field, current);
    }

    private int indexIn(ArrayNode array, String segment, String walked) throws BadParameterException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode id = array.get(i).get("id");
            if (id != null && id.isTextual()) {
                ids.add(id.asText());
                if (id.asText().equals(segment)) {
                    return i;
                }
            }
        }
        if (ids.isEmpty() && segment.matches("\\d+")) {
            int index = Integer.parseInt(segment);
            if (index < array.size()) {
                return index;
            }
            throw new BadParameterException(path + ": " + walked + " has " + array.size() + " entries; positions run from 0 to " + (array.size() - 1));
        }
        if (ids.isEmpty()) {
            throw new BadParameterException(path + ": the entries of " + walked + " are named by position (0, 1, ...), not '" + segment + "'");
        }
        throw new BadParameterException(path + ": " + walked + " has no element with id '" + segment + "'; its ids are " + String.join(", ", ids));
    }

    private static String fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    private static String numericExamples(JsonNode parent) {
        List<String> names = new ArrayList<>();
        if (parent instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (entry.getValue().isNumber()) {
                    names.add(entry.getKey());
                }
            }
        }
        return names.isEmpty() ? "links.W1.delayMs" : "one of " + String.join(", ", names) + " here";
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the text \"" + node.asText() + "\"";
        }
        if (node.isBoolean()) {
            return "the switch " + node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a group of settings";
        }
        return "empty";
    }
}
