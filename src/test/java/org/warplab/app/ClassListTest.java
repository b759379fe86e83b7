package org.warplab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * packaging/warplab.classlist is what the installed package's class-data archive is made of
 * (postinst, docs/installers.md "Start-up"). A class in it that no longer exists is skipped by the
 * dump, so a list gone stale would only make the installed app start slower, silently: this test
 * says so instead, and says how to record it again.
 */
class ClassListTest {

    private static final Path LIST = Path.of("packaging/warplab.classlist");
    private static final String RECORD = "; record it again: mvn -o -q package -DskipTests && scripts/record-classlist";

    private static List<String> classes() throws IOException {
        // '#' comments and '@' lines (lambda proxies, invokers) name no class of their own
        return Files.readAllLines(LIST).stream().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("@"))
                .map(line -> line.split(" ")[0]).toList();
    }

    @Test
    void everyWarpLabClassInTheListStillExists() throws IOException {
        List<String> gone = classes().stream().filter(name -> name.startsWith("org/warplab/"))
                .filter(name -> ClassListTest.class.getClassLoader().getResource(name + ".class") == null).toList();
        assertEquals(List.of(), gone, LIST + " names " + gone.size() + " WarpLab classes that no longer exist" + RECORD);
    }

    @Test
    void theListWasRecordedFromThePaintedDesignerAndTheCommandLine() throws IOException {
        List<String> classes = classes();
        for (String needed : List.of("org/warplab/app/Main", "org/warplab/ui/WarpLabApp", "org/warplab/ui/DesignerWindow",
                "org/warplab/cli/Cli", "javafx/scene/control/TabPane", "com/sun/prism/sw/SWPipeline", "com/sun/glass/ui/gtk/GtkApplication")) {
            assertTrue(classes.contains(needed), LIST + " lacks " + needed + ": it was not recorded from a designer painted on a display and the CLI" + RECORD);
        }
    }
}
