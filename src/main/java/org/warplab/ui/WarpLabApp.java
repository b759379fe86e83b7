package org.warplab.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Node;
import org.warplab.model.Problem;

/** The WarpLab window: shows the opened lab's topology, its description and its problems. */
public final class WarpLabApp extends Application {

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Lab lab = Lab.empty("Untitled lab");
        String status;
        Path file = null;
        if (!args.isEmpty()) {
            file = Path.of(args.get(0));
            try {
                LoadedLab loaded = LabFiles.load(file);
                lab = loaded.lab();
                List<Problem> problems = LabValidator.validate(lab);
                status = file.getFileName() + ": " + (problems.isEmpty() ? "valid" : problems.size() + " problem(s)");
            } catch (LabFileException e) {
                status = "Could not open " + file + ":\n" + e.getMessage();
            }
        } else {
            status = "No lab opened. Start with a lab file: warplab sample-labs/paging-paper.warplab.json";
        }
        stage.setTitle((file == null ? "Untitled" : file.getFileName().toString()) + " — WarpLab");
        stage.setScene(new Scene(layout(lab, status), 1200, 760));
        stage.show();
    }

    static BorderPane layout(Lab lab, String status) {
        double width = 1100;
        double height = 640;
        for (Node node : lab.nodes()) {
            width = Math.max(width, node.position().x() + 160);
            height = Math.max(height, node.position().y() + 160);
        }
        Canvas canvas = new Canvas(width, height);
        new TopologyPainter(Theme.LIGHT).paint(canvas.getGraphicsContext2D(), lab, width, height, true);
        BorderPane root = new BorderPane(new ScrollPane(canvas));
        Label title = new Label(lab.name());
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        TextArea description = new TextArea(lab.description() + "\n\n" + status);
        description.setWrapText(true);
        description.setEditable(false);
        description.setPrefRowCount(4);
        VBox bottom = new VBox(6, title, description);
        bottom.setStyle("-fx-padding: 8;");
        root.setBottom(bottom);
        return root;
    }
}
