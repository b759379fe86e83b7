package org.warplab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import javafx.event.Event;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.io.LabFiles;
import org.warplab.testing.Samples;
import org.warplab.ui.common.FileDialogs;

/**
 * Issue 14, point 5 as a user meets it: a save from the designer keeps the file's mode and saves
 * through a link, the Sample Labs menu says what each lab is, the description is several lines
 * and editable, and file dialogs remember their folder but never propose the shipped samples'.
 */
@ExtendWith(ApplicationExtension.class)
class FilesBehaveLikeFilesTest {

    private DesignerWindow window;
    private TestWindows.Opened opened;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        opened = TestWindows.open(stage, "files-test", null);
        window = opened.window();
    }

    @AfterEach
    void forgetPreferences() throws Exception {
        opened.forget();
    }

    @Test
    void saveKeepsTheModeAndWritesThroughALink(FxRobot robot) throws Exception {
        Path real = dir.resolve("paging.warplab.json");
        Files.copy(Samples.file("paging-paper"), real);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("current.warplab.json"), real.getFileName());
        robot.interact(() -> window.open(link));
        robot.interact(() -> window.model().perform(org.warplab.edit.ChangeSettings.between("Rename lab", window.model().lab(),
                window.model().lab().withNameAndDescription("Renamed", window.model().lab().description()))));
        robot.interact(() -> assertTrue(window.saveTo(link)));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("Renamed", LabFiles.load(real).lab().name());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        try (var entries = Files.list(dir)) {
            assertEquals(2, entries.count(), "no temporary file is left beside the lab");
        }
    }

    @Test
    void theSampleMenuSaysWhatEachLabIs(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu samples = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "menu-samples".equals(i.getId())).map(Menu.class::cast).findFirst().orElseThrow();
        robot.interact(() -> samples.getOnShowing().handle(new Event(Menu.ON_SHOWING)));
        CustomMenuItem paging = samples.getItems().stream().filter(i -> "sample-paging-paper".equals(i.getId()))
                .map(CustomMenuItem.class::cast).findFirst().orElseThrow();
        List<String> texts = ((VBox) paging.getContent()).getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertEquals("paging-paper", texts.get(0));
        String expected = SampleLabs.description(Samples.file("paging-paper"));
        assertTrue(!expected.isBlank(), "the paging sample has a description");
        assertEquals(expected, texts.get(1));
    }

    @Test
    void theDescriptionIsSeveralEditableLines(FxRobot robot) {
        robot.interact(() -> window.open(Samples.file("paging-paper")));
        robot.clickOn("#tab-inspector");
        robot.interact(() -> window.canvas().requestFocus());
        TextArea area = robot.lookup(".lines").queryAs(TextArea.class);
        robot.interact(() -> {
            area.requestFocus();
            area.setText("First line.\nSecond line.");
        });
        robot.interact(() -> window.canvas().requestFocus());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("First line.\nSecond line.", window.model().lab().description());
    }

    @Test
    void dialogsRememberTheirFolderAndAvoidTheShippedSamples() throws Exception {
        Path samplesFolder = SampleLabs.folder().orElseThrow().toAbsolutePath();
        FileDialogs.configure(Optional.of(samplesFolder), folder -> { }, SampleLabs::isShippedFolder);
        Path start = FileDialogs.initialFolder(Samples.file("paging-paper"));
        assertNotEquals(samplesFolder, start.toAbsolutePath(), "never the shipped samples' folder");
        assertEquals(Path.of(System.getProperty("user.home")), start);

        Path mine = Files.createDirectories(dir.resolve("labs"));
        FileDialogs.used(mine.resolve("x.warplab.json"));
        assertEquals(mine.toAbsolutePath(), FileDialogs.initialFolder(null));
        FileDialogs.used(Samples.file("paging-paper"));
        assertEquals(mine.toAbsolutePath(), FileDialogs.initialFolder(null), "choosing a sample does not move the remembered folder there");
        assertEquals(Optional.of(mine.toAbsolutePath()), opened.window() == null ? Optional.empty() : FileDialogs.lastFolder());
    }
}
