package org.warplab.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The icons drawn on the canvas are the SVG sources in icons/, path for path. */
class IconsTest {

    private static final Pattern PATH_DATA = Pattern.compile("<path[^>]*\\sd=\"([^\"]+)\"");

    @Test
    void everySvgSourceMatchesTheCodeAndViceVersa() throws Exception {
        Path dir = Path.of("icons");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(new TreeSet<>(Icons.BY_FILE.keySet()),
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".svg")).collect(Collectors.toCollection(TreeSet::new)));
        }
        for (Map.Entry<String, String> icon : Icons.BY_FILE.entrySet()) {
            String svg = Files.readString(dir.resolve(icon.getKey()));
            Matcher m = PATH_DATA.matcher(svg);
            StringBuilder data = new StringBuilder();
            while (m.find()) {
                data.append(data.length() == 0 ? "" : " ").append(m.group(1));
            }
            assertEquals(icon.getValue(), data.toString(), icon.getKey());
        }
    }
}
