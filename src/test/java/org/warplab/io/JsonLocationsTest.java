package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.testing.Samples;

class JsonLocationsTest {

    @Test
    void placesIndexedWhenNeededAreThePlacesIndexedAtOnce() throws Exception {
        for (String sample : Samples.names()) {
            String text = Files.readString(Samples.file(sample));
            JsonFactory factory = new JsonFactory();
            JsonLocations now = JsonLocations.index(factory, text);
            JsonLocations later = JsonLocations.whenNeeded(factory, text);
            List<String> paths = new ArrayList<>();
            paths(new ObjectMapper().readTree(text), "", paths);
            paths.add("links[999].b");
            paths.add("no.such.field");
            for (String path : paths) {
                assertEquals(now.locate(path), later.locate(path), sample + ": " + path);
            }
            assertTrue(later.locate("nodes[0].id").orElseThrow().line() > 1, sample);
        }
    }

    @Test
    void aFileWithAProblemIsStillPlacedByLineAndColumn() {
        String text = "{\n  \"formatVersion\": 2,\n  \"name\": 7\n}\n";
        LabFileException e = org.junit.jupiter.api.Assertions.assertThrows(LabFileException.class,
                () -> LabFiles.parse(java.nio.file.Path.of("x.warplab.json"), text));
        assertTrue(e.problems().stream().anyMatch(p -> p.line() == 3), e.problems().toString());
    }

    private static void paths(JsonNode node, String path, List<String> out) {
        out.add(path);
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> paths(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths(node.get(i), path + "[" + i + "]", out);
            }
        }
    }
}
