package org.warplab.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.warplab.files.SafeWrite;
import org.warplab.model.Lab;

/** Reads and writes {@code *.warplab.json} lab files. */
public final class LabFiles {

    public static final int FORMAT_VERSION = FormatVersions.CURRENT;
    public static final String EXTENSION = ".warplab.json";

    /** Larger than any lab a person draws (the 1,000-router benchmark lab is ~2 MB); a bigger file is refused before it is read. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(JsonLimits.CONSTRAINTS)
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LabFiles() {
    }

    /** Reads a lab file; every problem of its content is reported at once, with line and column. */
    public static LoadedLab load(Path file) throws LabFileException {
        SafeWrite.removeStaleTemporaries(file);
        return parse(file, readText(file));
    }

    /** The UTF-8 text of a regular file of at most {@link #MAX_FILE_BYTES}; anything else is a problem with a plain reason. */
    static String readText(Path file) throws LabFileException {
        byte[] bytes;
        try {
            // a FIFO or a device would block or never end: only a regular file is read
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw single(file, Files.isDirectory(file) ? "is a directory; name a lab file (*.warplab.json) in it"
                        : "is not a regular file (a pipe, socket or device); save the lab to a file and name that file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_FILE_BYTES) {
                throw single(file, "is " + Files.size(file) / (1024 * 1024) + " MiB; a lab file is at most "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MiB (is it really a lab?)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw single(file, "no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw single(file, "cannot be read: permission denied (check the file's and its folders' permissions)");
        } catch (IOException e) {
            throw single(file, "cannot be read: " + IoProblems.reason(e));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(file, "is not UTF-8 text; a lab file is JSON");
        }
        return text;
    }

    /** Parses lab JSON; {@code file} only names the source in messages. */
    public static LoadedLab parse(Path file, String text) throws LabFileException {
        JsonNode root = readTree(file, text);
        JsonLocations locations = JsonLocations.whenNeeded(FACTORY, text);
        int version = checkVersion(file, root, locations);
        LabJsonReader reader = new LabJsonReader(version);
        Lab lab = reader.read(root);
        throwProblems(file, reader.problems(), locations);
        return new LoadedLab(file, lab, locations, version);
    }

    /**
     * A lab from a JSON tree in memory, read by the same reader as a file: a sweep's point, the base
     * lab's tree with one value set. Without the text there are no lines and columns to point at, so
     * a tree with any problem gives nothing here, and {@link #parse} of its text says what and where.
     */
    public static java.util.Optional<Lab> readIfProblemFree(JsonNode root) {
        try {
            int version = checkVersion(Path.of("lab"), root, JsonLocations.empty());
            LabJsonReader reader = new LabJsonReader(version);
            Lab lab = reader.read(root);
            return reader.problems().isEmpty() ? java.util.Optional.of(lab) : java.util.Optional.empty();
        } catch (LabFileException e) {
            return java.util.Optional.empty();
        }
    }

    static void throwProblems(Path file, List<JsonIn.PathProblem> found, JsonLocations locations) throws LabFileException {
        if (!found.isEmpty()) {
            List<FileProblem> problems = new ArrayList<>();
            for (JsonIn.PathProblem p : found) {
                JsonLocations.Location at = locations.locate(p.path()).orElse(new JsonLocations.Location(0, 0));
                problems.add(new FileProblem(file, at.line(), at.column(), p.path(), p.message()));
            }
            throw new LabFileException(problems);
        }
    }

    static JsonLocations index(Path file, String text) throws LabFileException {
        try {
            return JsonLocations.index(FACTORY, text);
        } catch (IOException e) {
            throw single(file, "cannot be indexed: " + e.getMessage());
        }
    }

    /** The JSON tree of {@code text}, or the parser's complaint in plain words at its line and column. */
    static JsonNode readTree(Path file, String text) throws LabFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            int cut = message.indexOf("\n at [Source");
            String plain = (cut > 0 ? message.substring(0, cut) : message)
                    .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
            throw new LabFileException(List.of(new FileProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid JSON: " + JsonLimits.plain(plainJsonMessage(plain)))));
        }
        if (root == null || root.isMissingNode()) {
            throw single(file, "is empty; a lab file is a JSON object");
        }
        return root;
    }

    /** Jackson's words for the common mistakes, said the way a person editing the file thinks of them. */
    private static String plainJsonMessage(String message) {
        if (message.startsWith("Trailing token")) {
            return "there is more text after the lab's closing '}'; a lab file holds exactly one JSON object";
        }
        java.util.regex.Matcher end = java.util.regex.Pattern
                .compile("Unexpected end-of-input: expected close marker for (Object|Array) \\(start marker at line (\\d+), column (\\d+)\\)")
                .matcher(message);
        if (end.find()) {
            return "the file ends before the " + (end.group(1).equals("Object") ? "'{'" : "'['") + " opened at line " + end.group(2)
                    + ", column " + end.group(3) + " is closed";
        }
        return message;
    }

    static int checkVersion(Path file, JsonNode root, JsonLocations locations) throws LabFileException {
        JsonNode version = root.get("formatVersion");
        JsonLocations.Location at = locations.locate("formatVersion").orElse(new JsonLocations.Location(1, 1));
        if (!root.isObject()) {
            throw new LabFileException(List.of(new FileProblem(file, 1, 1, "", "a lab file is a JSON object {...}, found " + JsonIn.describe(root))));
        }
        if (version == null || !version.isIntegralNumber()) {
            throw new LabFileException(List.of(new FileProblem(file, at.line(), at.column(), "formatVersion",
                    "missing or not a whole number; a WarpLab lab file starts with \"formatVersion\": " + FORMAT_VERSION)));
        }
        if (version.asLong() > FORMAT_VERSION) {
            throw new LabFileException(List.of(new FileProblem(file, at.line(), at.column(), "formatVersion",
                    "this file has format version " + version.asLong() + ", newer than this WarpLab reads (" + FORMAT_VERSION
                            + "); open it with a newer WarpLab")));
        }
        if (version.asLong() < 1) {
            throw new LabFileException(List.of(new FileProblem(file, at.line(), at.column(), "formatVersion",
                    "format version " + version.asLong() + " does not exist; the first is 1")));
        }
        return version.asInt();
    }

    /** The canonical text of a lab file. */
    public static String toJson(Lab lab) {
        return CanonicalJson.print(LabJsonWriter.write(lab));
    }

    /**
     * Saves the way every WarpLab file is saved ({@link SafeWrite}): atomically, through a symbolic
     * link, keeping the file's mode and owner, a new file following the umask.
     */
    public static void save(Path file, Lab lab) throws IOException {
        writeAtomically(file, toJson(lab).getBytes(StandardCharsets.UTF_8));
    }

    public static void writeAtomically(Path file, byte[] content) throws IOException {
        SafeWrite.bytes(file, content);
    }

    private static LabFileException single(Path file, String message) {
        return new LabFileException(List.of(new FileProblem(file, 0, 0, "", message)));
    }

}
