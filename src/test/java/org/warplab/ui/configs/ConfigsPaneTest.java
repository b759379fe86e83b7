package org.warplab.ui.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.cli.Cli;
import org.warplab.edit.RemoveElements;
import org.warplab.testing.Samples;
import org.warplab.ui.DesignerWindow;
import org.warplab.ui.TestWindows;

/** The Configs tab on the paper's paging lab: devices, the before/after diff, export, and an invalid lab. */
@ExtendWith(ApplicationExtension.class)
class ConfigsPaneTest {

    @TempDir
    Path temp;

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "configs-test", null);
        window = opened.window();
        window.open(Samples.file("paging-paper"));
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    private void awaitGenerated() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.configsPane().generatingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsEachDevicesFilesTheMigrationsChangesAndExportsThemAsTheCliDoes(FxRobot robot) throws Exception {
        robot.clickOn("#tab-configs");
        awaitGenerated();
        ListView<String> devices = robot.lookup("#configs-devices").queryAs(ListView.class);
        assertTrue(devices.getItems().containsAll(List.of("R1", "R3", "vm1")), devices.getItems().toString());
        ChoiceBox<String> state = robot.lookup("#configs-state").queryAs(ChoiceBox.class);
        assertEquals(List.of("before", "after-MIG1"), state.getItems());

        robot.interact(() -> devices.getSelectionModel().select("R3"));
        ListView<Object> files = robot.lookup("#configs-files").queryAs(ListView.class);
        ListView<LineDiff.Line> viewer = robot.lookup("#configs-viewer").queryAs(ListView.class);
        robot.interact(() -> {
            for (int i = 0; i < files.getItems().size(); i++) {
                if (files.getItems().get(i).toString().contains("nft/")) {
                    files.getSelectionModel().select(i);
                    return;
                }
            }
        });
        assertTrue(viewer.getItems().stream().anyMatch(l -> l.text().contains("172.15.0.0")), "R3 translates S' back to S");
        assertTrue(viewer.getItems().stream().allMatch(l -> l.change() == LineDiff.Change.SAME));

        robot.interact(() -> state.setValue("after-MIG1"));
        robot.clickOn("#configs-diff");
        WaitForAsyncUtils.waitForFxEvents();
        boolean someFileChanged = false;
        for (int i = 0; i < files.getItems().size(); i++) {
            int index = i;
            robot.interact(() -> files.getSelectionModel().select(index));
            someFileChanged |= viewer.getItems().stream().anyMatch(l -> l.change() != LineDiff.Change.SAME);
        }
        assertTrue(someFileChanged, "the migration changes R3's translation for vm1");

        Path mine = temp.resolve("ui");
        boolean[] exported = new boolean[1];
        robot.interact(() -> exported[0] = window.configsPane().exportTo(mine));
        assertTrue(exported[0]);
        Path cli = temp.resolve("cli");
        int code = new Cli().run(new String[] {"configs", Samples.file("paging-paper").toString(), "-o", cli.toString()},
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err);
        assertEquals(0, code);
        assertEquals(tree(cli), tree(mine));
    }

    @Test
    void anInvalidLabAsksToFixTheProblemsFirst(FxRobot robot) throws Exception {
        robot.clickOn("#tab-configs");
        awaitGenerated();
        robot.interact(() -> window.model().perform(new RemoveElements(window.model().lab(), java.util.Set.of("R1"))));
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        awaitGenerated();
        Label message = robot.lookup("#configs-message").queryAs(Label.class);
        assertTrue(message.isVisible());
        assertTrue(message.getText().startsWith("Fix the problems first"), message.getText());
        assertFalse(shown(robot.lookup("#configs-viewer").query()), "no half output beside the message");
        robot.clickOn("#configs-show-problems");
        assertEquals("Problems", window.bottomTabs().getSelectionModel().getSelectedItem().getText().replaceAll(" \\(.*", ""));
    }

    static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f) + "=" + readQuietly(f)).sorted().toList();
        }
    }

    private static String readQuietly(Path f) {
        try {
            return Integer.toHexString(Files.readString(f).hashCode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
