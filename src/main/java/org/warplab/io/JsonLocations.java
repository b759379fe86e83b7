package org.warplab.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each value of a JSON text starts, by path ("links[3].b"), so problems found after parsing
 * (a missing node, an overlapping prefix) can still name a line and column.
 */
public final class JsonLocations {

    /** A place in the text, 1-based. */
    public record Location(int line, int column) { }

    private final java.util.function.Supplier<Map<String, Location>> index;
    private volatile Map<String, Location> byPath;

    private JsonLocations(Map<String, Location> byPath) {
        this.index = null;
        this.byPath = byPath;
    }

    private JsonLocations(java.util.function.Supplier<Map<String, Location>> index) {
        this.index = index;
    }

    public static JsonLocations empty() {
        return new JsonLocations(Map.of());
    }

    /**
     * The places of {@code json}, indexed when a problem is first located: most files read have no
     * problem, and a sweep reads its lab once per run, so the second pass over the text (a tenth of
     * the command's own Java time) is done only when a message needs a line. The caller has already
     * checked that the text parses.
     */
    public static JsonLocations whenNeeded(JsonFactory factory, String json) {
        return new JsonLocations(() -> {
            try {
                return index(factory, json).byPath;
            } catch (IOException e) {
                throw new IllegalStateException("a JSON text that parsed cannot be indexed", e);
            }
        });
    }

    private Map<String, Location> byPath() {
        Map<String, Location> indexed = byPath;
        if (indexed == null) {
            synchronized (this) {
                if (byPath == null) {
                    byPath = index.get();
                }
                indexed = byPath;
            }
        }
        return indexed;
    }

    /** Indexes {@code json}; the caller has already checked that it parses. */
    public static JsonLocations index(JsonFactory factory, String json) throws IOException {
        Map<String, Location> byPath = new HashMap<>();
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != null) {
                walk(parser, "", byPath);
            }
        }
        return new JsonLocations(byPath);
    }

    private static void walk(JsonParser parser, String path, Map<String, Location> byPath) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        byPath.put(path, new Location(at.getLineNr(), at.getColumnNr()));
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                walk(parser, path.isEmpty() ? name : path + "." + name, byPath);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index++ + "]", byPath);
            }
        }
    }

    /** The place of {@code path}, or of the nearest enclosing value that exists. */
    public Optional<Location> locate(String path) {
        String current = path;
        while (true) {
            Location found = byPath().get(current);
            if (found != null) {
                return Optional.of(found);
            }
            if (current.isEmpty()) {
                return Optional.empty();
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut < 0 ? "" : current.substring(0, cut);
        }
    }
}
