package org.warplab.ui.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.warplab.run.HypervisorReportTest;
import org.warplab.run.RunResult;
import org.warplab.run.Trace;
import org.warplab.testing.Samples;

/**
 * Issue 20, point 3 in the readout: a QEMU move that stopped the VM longer than the migration's
 * limit shows it first (the caveat) and under the downtime (QEMU's own figure, OVER the limit).
 * Set {@code -Dwarplab.shots=DIR} to keep a picture of the readout.
 */
@ExtendWith(ApplicationExtension.class)
class ReadoutOverLimitTest {

    private ReadoutPane readout;
    private Scene scene;

    @Start
    void start(Stage stage) {
        readout = new ReadoutPane();
        scene = new Scene(readout, 900, 640);
        scene.getStylesheets().add(ReadoutPane.class.getResource("/org/warplab/ui/designer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aStopOverTheLimitIsShownFirstAndUnderTheDowntime(FxRobot robot) throws Exception {
        RunResult result = new RunResult("Network paging (paper, Fig. 2/5)", "network-paging", "live", 0, 40_000_000_000L, List.of(
                HypervisorReportTest.qemuMove("R2", 704, 731, 300), HypervisorReportTest.qemuMove("R3", 21, 31, 300)), List.of());
        robot.interact(() -> readout.show(new RunRecord(Samples.lab("paging-paper"), result, new Trace(List.of()), List.of())));
        WaitForAsyncUtils.waitForFxEvents();
        String caveats = readout.caveatText();
        assertTrue(caveats.startsWith("⚠ downtime over the limit: QEMU (TCG) stopped vm1 for 704 ms, over the 300 ms limit"), caveats);
        Label qemu = robot.lookup("#readout-hypervisor-downtime").queryAs(Label.class);
        assertTrue(qemu.isVisible() && qemu.getText().equals("QEMU (TCG) 704 ms (host 731 ms), OVER the 300 ms limit"), qemu.getText());
        assertTrue(qemu.getStyleClass().contains("readout-caveats"), "drawn as a warning");
        shot("readout-qemu-over-limit.png");

        robot.interact(() -> readout.show(new RunRecord(Samples.lab("paging-paper"), new RunResult(result.lab(), result.scheme(), result.runtime(), 0,
                result.endNs(), List.of(result.migrations().get(1)), List.of()), new Trace(List.of()), List.of())));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(readout.caveatText().isEmpty(), readout.caveatText());
        assertTrue(qemu.getText().endsWith("within the 300 ms limit") && !qemu.getStyleClass().contains("readout-caveats"), qemu.getText());

        // docs/metrics.md's downtime ends at the first probe reaching the VM, which no agent sees inside a QEMU guest
        org.warplab.run.MigrationMetrics m = result.migrations().get(0);
        org.warplab.run.MigrationMetrics unseen = new org.warplab.run.MigrationMetrics(m.migration(), m.vm(), m.address(), m.from(), m.to(), m.mode(),
                m.switchingTimeNs(), -1, m.migrationTimeNs(), m.clientGapNs(), m.probesSent(), m.probesLost(), m.latencyBeforeNs(), m.latencyAfterNs(),
                m.reachableAfter(), m.pathBefore(), m.pathAfter(), m.phases(), m.flows(), m.bystanders(), m.completion(), m.hypervisor());
        robot.interact(() -> readout.show(new RunRecord(Samples.lab("paging-paper"), new RunResult(result.lab(), result.scheme(), result.runtime(), 0,
                result.endNs(), List.of(unseen), List.of()), new Trace(List.of()), List.of())));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(readout.figures().get(1).equals("not seen"), readout.figures().get(1));
        assertTrue(qemu.getText().equals("no agent inside the guest sees the first probe; QEMU (TCG) 704 ms (host 731 ms), OVER the 300 ms limit"),
                qemu.getText());
        assertTrue(org.warplab.run.FigureText.downtime(unseen).equals("not seen inside the guest (stopped → resumed 731.0 ms)"), "the CLI and report say it in full");
        shot("readout-qemu-downtime-unseen.png");
    }

    private void shot(String name) throws Exception {
        String dir = System.getProperty("warplab.shots");
        if (dir == null) {
            return;
        }
        AtomicReference<java.awt.image.BufferedImage> image = new AtomicReference<>();
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> image.set(SwingFXUtils.fromFXImage(scene.snapshot(null), null)));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(image.get(), "png", Path.of(dir, name).toFile());
    }
}
