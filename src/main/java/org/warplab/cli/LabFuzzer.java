package org.warplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.emulation.network.EmulationException;
import org.warplab.emulation.Emulator;
import org.warplab.io.FileProblem;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/**
 * Feeds mutated labs through everything a lab file meets: the reader, the validator, the canonical
 * writer (and back), the config generators and the emulator. A mutation changes a number to an
 * awkward value, a string to another node's id, drops or duplicates a field or an element, changes
 * a value's type, or damages the text itself. Anything but a clear refusal is a crash: an exception
 * that is not the documented one, a message that names Java's or Jackson's internals or is huge, a
 * canonical text that does not read back the same. Seeded: the same seed runs the same labs.
 */
final class LabFuzzer {

    /** The emulator's share of one run: a cap far below the default keeps a fuzz run's time bounded. */
    static final long EMULATOR_EVENT_CAP = 400_000;
    private static final int MAX_MESSAGE_CHARS = 4_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One input the fuzzer could not get a clear answer for. */
    record Crash(String input, String what) { }

    /** What a fuzz run did. */
    record Tally(long labs, long parsed, long valid, long emulated, List<Crash> crashes) { }

    private final Random random;
    private final List<String> seeds;
    private final List<String> numbers = List.of("0", "-1", "1", "0.5", "1e-9", "0.000001", "4e-7", "1e9", "9.2e12", "9.3e18", "1e30",
            "1e31", "1e309", "-1e309", "1e999999999", "1e-999999999", "2147483648", "9223372036854775808", "-9223372036854775809",
            "16777215", "4095", "65536", "3600000", "3600001", "100.0000001", "1E+2", "-0");
    private long labs;
    private long parsed;
    private long valid;
    private long emulated;
    private final List<Crash> crashes = new ArrayList<>();

    LabFuzzer(long seed, List<String> seeds) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
    }

    /** The texts of the sample labs and of every regression input under {@code corpus} (files ending .json). */
    static List<String> corpus(Path... directories) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    texts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    /** Checks {@code text} as it is (a regression input), then mutations of the seeds until both counts or the deadline is reached. */
    Tally run(long minLabs, long minEmulated, long deadlineNanos) {
        for (String seed : seeds) {
            check(seed, true);
        }
        while ((labs < minLabs || emulated < minEmulated) && System.nanoTime() < deadlineNanos) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            int rounds = 1 + random.nextInt(3);
            String text = seed;
            for (int i = 0; i < rounds; i++) {
                text = mutate(text);
            }
            // emulating is the expensive part: every lab is read and validated, valid ones are emulated until the quota is met
            check(text, emulated < minEmulated);
        }
        return new Tally(labs, parsed, valid, emulated, List.copyOf(crashes));
    }

    /** Runs one lab text through the reader, validator, writer, generators and (if asked) the emulator. */
    void check(String text, boolean emulate) {
        labs++;
        try {
            Lab lab;
            try {
                lab = LabFiles.parse(Path.of("fuzz.warplab.json"), text).lab();
            } catch (LabFileException e) {
                for (FileProblem problem : e.problems()) {
                    judge(text, problem.toString());
                }
                return;
            }
            parsed++;
            List<Problem> problems = LabValidator.validate(lab);
            for (Problem problem : problems) {
                judge(text, problem.message() + " " + problem.hint());
            }
            String canonical = LabFiles.toJson(lab);
            Lab again = LabFiles.parse(Path.of("canonical.warplab.json"), canonical).lab();
            if (!LabFiles.toJson(again).equals(canonical)) {
                crash(text, "the canonical text does not read back to the same text");
            }
            if (LabValidator.hasErrors(problems)) {
                return;
            }
            valid++;
            ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS);
            if (emulate && Emulator.emulatedSchemes().contains(lab.scheme())) {
                emulated++;
                try {
                    Emulator.run(lab, Emulator.Options.metrics(1).withMaxEvents(EMULATOR_EVENT_CAP));
                } catch (EmulationException e) {
                    judge(text, e.getMessage());
                }
            }
        } catch (LabFileException e) {
            crash(text, "the canonical text of a lab that was read is refused: " + e.problems());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            crash(text, e.toString() + at(e));
        }
    }

    private static String at(Throwable e) {
        StackTraceElement[] stack = e.getStackTrace();
        return stack.length == 0 ? "" : " at " + stack[0];
    }

    /** A refusal is fine when its message is plain: no Java or Jackson internals, not a flood of text. */
    private void judge(String input, String message) {
        if (message == null || message.isBlank()) {
            crash(input, "a refusal without a message");
        } else if (message.length() > MAX_MESSAGE_CHARS) {
            crash(input, "a message of " + message.length() + " characters");
        } else if (message.contains("Exception") || message.contains("com.fasterxml") || message.contains("StreamReadConstraints")
                || message.contains("java.lang")) {
            crash(input, "a message naming internals: " + message);
        }
    }

    private void crash(String input, String what) {
        crashes.add(new Crash(input, what));
    }

    // ---- mutations -------------------------------------------------------------------------------

    String mutate(String text) {
        if (random.nextInt(10) == 0) {
            return mutateText(text);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException e) {
            return mutateText(text);
        }
        if (root == null || !root.isContainerNode()) {
            return mutateText(text);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode container = containers.get(random.nextInt(containers.size()));
        mutateIn(container, root);
        return root.toPrettyString().replaceAll("\"@NUMBER:([^\"]*)\"", "$1");
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private void mutateIn(JsonNode container, JsonNode root) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (container instanceof ObjectNode object && object.size() > 0) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            String field = fields.get(random.nextInt(fields.size()));
            JsonNode value = object.get(field);
            switch (random.nextInt(8)) {
                case 0 -> object.remove(field);
                case 1 -> object.putNull(field);
                case 2 -> object.set(field, nodes.textNode(anyString(root)));
                case 3 -> object.set(field, value.isContainerNode() ? nodes.numberNode(1) : nodes.arrayNode().add(value));
                case 4 -> object.set(field + (random.nextBoolean() ? "x" : ""), value.deepCopy());
                default -> object.set(field, nodes.textNode("@NUMBER:" + numbers.get(random.nextInt(numbers.size()))));
            }
        } else if (container instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(5)) {
                case 0 -> array.remove(index);
                case 1 -> array.add(array.get(index).deepCopy());
                case 2 -> array.set(index, nodes.textNode(anyString(root)));
                case 3 -> array.insert(index, nodes.textNode("@NUMBER:" + numbers.get(random.nextInt(numbers.size()))));
                default -> {
                    JsonNode moved = array.remove(index);
                    array.add(moved);
                }
            }
        }
    }

    /** A string from the lab itself (another node's id, an address), or an awkward one. */
    private String anyString(JsonNode root) {
        List<String> texts = new ArrayList<>();
        collectStrings(root, texts);
        if (texts.isEmpty() || random.nextInt(4) == 0) {
            return switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "x".repeat(5_000);
                case 2 -> "../../etc/passwd";
                case 3 -> "a b;rm -rf /";
                case 4 -> "\u0000\u202e";
                default -> "255.255.255.255/33";
            };
        }
        return texts.get(random.nextInt(texts.size()));
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectStrings(it.next(), out);
        }
    }

    private String mutateText(String text) {
        if (text.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(text.length());
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + "{[\"\\,:0e".charAt(random.nextInt(8)) + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            default -> text.substring(0, at) + String.format(Locale.ROOT, "%c", (char) (random.nextInt(0x3000))) + text.substring(at + 1);
        };
    }
}
