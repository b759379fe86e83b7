package org.warplab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.warplab.testing.Samples;

/**
 * The layering of DESIGN.md §1, checked on the imports (and fully qualified references) of every
 * main source file: what each package must not depend on.
 */
class LayeringTest {

    private static final String ALL = "*";

    /** package → what it must not import ("javafx" or another org.warplab package). */
    static final Map<String, Set<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("model", Set.of("javafx", "wire", "io", "scheme", "config", "emulation", "live", "run", "edit", "ui", "cli", "app")),
            Map.entry("wire", Set.of("javafx", "io", "scheme", "config", "emulation", "live", "run", "edit", "ui", "cli", "app")),
            Map.entry("io", Set.of("javafx", "ui", "app", "cli", "live", "emulation")),
            Map.entry("scheme", Set.of("javafx", "ui", "app", "cli", "live", "emulation", "config")),
            Map.entry("config", Set.of("javafx", "live", "ui", "app", "cli", "emulation")),
            Map.entry("emulation", Set.of("javafx", "live", "ui", "app", "cli", "config")),
            Map.entry("live", Set.of("javafx", "ui", "app", "cli")),
            Map.entry("run", Set.of("javafx", "ui", "app", "cli", "live", "emulation")),
            Map.entry("edit", Set.of("javafx", "ui", "app", "cli", "live", "emulation")),
            Map.entry("cli", Set.of("javafx", "ui")),
            Map.entry("ui", Set.of()),
            Map.entry("app", Set.of()));

    private static final Pattern REFERENCE = Pattern.compile("\\b(javafx)\\.[a-z]|\\borg\\.warplab\\.([a-z]+)\\.");

    @Test
    void noPackageReachesWhereItMustNot() throws IOException {
        Path root = Samples.projectDir().resolve("src/main/java/org/warplab");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file).getName(0).toString();
                Set<String> forbidden = FORBIDDEN.get(pkg);
                if (forbidden == null) {
                    violations.add(file + ": package '" + pkg + "' is not in DESIGN.md's table; add it to the table and to this test");
                    continue;
                }
                violations.addAll(violations(file, pkg, Files.readString(file), forbidden));
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckCatchesJavaFxInTheModel() {
        String source = "package org.warplab.model;\nimport javafx.beans.property.ObjectProperty;\nclass X {}\n";
        assertEquals(List.of("X.java:2: model must not use javafx"),
                violations(Path.of("X.java"), "model", source, FORBIDDEN.get("model")));
        String io = "package org.warplab.model;\nclass Y { org.warplab.io.LabFiles f; }\n";
        assertEquals(List.of("Y.java:2: model must not use org.warplab.io"), violations(Path.of("Y.java"), "model", io, FORBIDDEN.get("model")));
    }

    static List<String> violations(Path file, String pkg, String source, Set<String> forbidden) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(line);
            while (m.find()) {
                String target = m.group(1) != null ? "javafx" : m.group(2);
                if (!target.equals(pkg) && (forbidden.contains(target) || forbidden.contains(ALL))) {
                    out.add(file + ":" + (i + 1) + ": " + pkg + " must not use " + (target.equals("javafx") ? "javafx" : "org.warplab." + target));
                }
            }
        }
        return out;
    }
}
