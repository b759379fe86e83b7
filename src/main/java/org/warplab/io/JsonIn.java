package org.warplab.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.warplab.model.AddressFormatException;
import org.warplab.model.Keyed;

/**
 * Reads one JSON object of a lab file field by field. Every problem is recorded with its path and
 * reading goes on, so a user sees all of a file's mistakes at once; a field that could not be read
 * yields a neutral value and the whole load fails at the end.
 */
final class JsonIn {

    /** A problem with its JSON path, before it is given a line and column. */
    record PathProblem(String path, String message) {
        PathProblem {
            message = org.warplab.model.Problem.abbreviateQuotes(message);
        }
    }

    private final JsonNode node;
    private final String path;
    private final List<PathProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonIn(JsonNode node, String path, List<PathProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The object at {@code path}; a problem (and an empty reader) if {@code node} is not an object. */
    static JsonIn object(JsonNode node, String path, List<PathProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new PathProblem(path, "expected an object {...}, found " + describe(node)));
            return new JsonIn(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), path, problems);
        }
        return new JsonIn(node, path, problems);
    }

    String path() {
        return path;
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        known.add(field);
        return node.has(field) && !node.get(field).isNull();
    }

    void problem(String field, String message) {
        problems.add(new PathProblem(field == null ? path : at(field), message));
    }

    private JsonNode required(String field, String expected) {
        known.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(field, "missing; expected " + expected);
            return null;
        }
        return value;
    }

    String string(String field) {
        JsonNode value = required(field, "a string");
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            problem(field, "expected a string, found " + describe(value));
            return "";
        }
        return value.textValue();
    }

    String string(String field, String fallback) {
        return has(field) ? string(field) : fallback;
    }

    boolean bool(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            problem(field, "expected true or false, found " + describe(value));
            return fallback;
        }
        return value.booleanValue();
    }

    /** A decimal number. */
    BigDecimal decimal(String field) {
        JsonNode value = required(field, "a number");
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (!value.isNumber()) {
            problem(field, "expected a number, found " + describe(value));
            return BigDecimal.ZERO;
        }
        BigDecimal number = value.decimalValue();
        if (!withinReadableRange(number)) {
            problem(field, "the number " + value.asText() + " is too large or too fine to be a lab value; "
                    + "the format's limits are in docs/format.md");
            return BigDecimal.ZERO;
        }
        return number;
    }

    /**
     * Whether a number is small and coarse enough to convert cheaply: a file may write 1e999999999,
     * and turning that into digits (or nanoseconds) would take gigabytes. Every limit of the format
     * lies far inside this range, so the validator's own message follows for anything near it.
     */
    static boolean withinReadableRange(BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        int integerDigits = number.precision() - number.scale();
        return integerDigits <= READABLE_DIGITS && number.scale() <= READABLE_DIGITS;
    }

    /** Digits before (and after) the point a number may have before the reader refuses it. */
    private static final int READABLE_DIGITS = 30;

    BigDecimal decimal(String field, BigDecimal fallback) {
        return has(field) ? decimal(field) : fallback;
    }

    long whole(String field) {
        JsonNode value = required(field, "a whole number");
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problem(field, "expected a whole number, found " + describe(value));
            return 0;
        }
        return value.longValue();
    }

    long whole(String field, long fallback) {
        return has(field) ? whole(field) : fallback;
    }

    int integer(String field) {
        long value = whole(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            problem(field, value + " is too large");
            return 0;
        }
        return (int) value;
    }

    int integer(String field, int fallback) {
        return has(field) ? integer(field) : fallback;
    }

    /** A decimal number as a double; always finite, since {@link #decimal} refuses what is out of range. */
    double real(String field, double fallback) {
        return has(field) ? decimal(field).doubleValue() : fallback;
    }

    /** A time written in milliseconds (decimals allowed down to the nanosecond). */
    long millis(String field) {
        return toNanos(field, decimal(field), BigDecimal.valueOf(1_000_000), "ms");
    }

    long millis(String field, long fallbackNs) {
        return has(field) ? millis(field) : fallbackNs;
    }

    /** A time written in seconds. */
    long seconds(String field) {
        return toNanos(field, decimal(field), BigDecimal.valueOf(1_000_000_000), "s");
    }

    /** A rate written in Mbit/s, to bit/s. */
    long megabits(String field) {
        BigDecimal bps = decimal(field).multiply(BigDecimal.valueOf(1_000_000));
        try {
            return bps.longValueExact();
        } catch (ArithmeticException e) {
            problem(field, "bandwidth " + decimal(field).stripTrailingZeros().toPlainString() + " Mbit/s is not a whole number of bit/s");
            return 0;
        }
    }

    private long toNanos(String field, BigDecimal amount, BigDecimal scale, String unit) {
        BigDecimal ns = amount.multiply(scale);
        try {
            return ns.longValueExact();
        } catch (ArithmeticException e) {
            problem(field, amount.stripTrailingZeros().toPlainString() + " " + unit + " is finer than a nanosecond or too large");
            return 0;
        }
    }

    <E extends Enum<E> & Keyed> E choice(String field, Class<E> type) {
        String text = string(field);
        if (text.isEmpty() && !node.has(field)) {
            return type.getEnumConstants()[0];
        }
        Optional<E> value = Keyed.byKey(type, text);
        if (value.isEmpty()) {
            problem(field, "'" + text + "' is not one of: " + Keyed.keys(type));
            return type.getEnumConstants()[0];
        }
        return value.get();
    }

    <E extends Enum<E> & Keyed> E choice(String field, Class<E> type, E fallback) {
        return has(field) ? choice(field, type) : fallback;
    }

    /** A value parsed from a string by a model parser (address, prefix, MAC); its message becomes the problem. */
    <T> T parsed(String field, Function<String, T> parser, T fallback) {
        String text = string(field);
        if (text.isEmpty() && !node.has(field)) {
            return fallback;
        }
        return parse(at(field), text, parser, fallback);
    }

    <T> T parse(String valuePath, String text, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(text);
        } catch (AddressFormatException e) {
            problems.add(new PathProblem(valuePath, e.getMessage()));
            return fallback;
        }
    }

    /** An array of strings, each parsed; bad elements are reported and left out. */
    <T> List<T> parsedList(String field, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (Element element : array(field, false)) {
            if (!element.node().isTextual()) {
                problems.add(new PathProblem(element.path(), "expected a string, found " + describe(element.node())));
                continue;
            }
            T value = parse(element.path(), element.node().textValue(), parser, null);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    List<String> strings(String field, boolean required) {
        if (required && !has(field)) {
            problem(field, "missing; expected a list [...]");
            return List.of();
        }
        return parsedList(field, s -> s);
    }

    /** One element of an array with its path. */
    record Element(JsonNode node, String path, int index) { }

    List<Element> array(String field, boolean required) {
        known.add(field);
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "missing; expected a list [...]");
            }
            return List.of();
        }
        if (!value.isArray()) {
            problem(field, "expected a list [...], found " + describe(value));
            return List.of();
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(new Element(value.get(i), at(field) + "[" + i + "]", i));
        }
        return out;
    }

    JsonIn child(String field) {
        known.add(field);
        return object(node.get(field), at(field), problems);
    }

    /** Reports fields this reader never asked for: typos should not be silently ignored. */
    void rejectUnknown() {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(name, "unknown field; expected one of: " + String.join(", ", known));
            }
        });
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return "the string \"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "a list";
        }
        return "an object";
    }

}
