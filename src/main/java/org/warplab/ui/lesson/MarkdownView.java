package org.warplab.ui.lesson;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.warplab.lesson.LessonText;

/** A lesson step's text as the class reads it: paragraphs, lists and code set from {@link LessonText}. */
final class MarkdownView extends VBox {

    MarkdownView(String id) {
        setId(id);
        getStyleClass().add("lesson-text");
        setSpacing(8);
    }

    void show(String markdown) {
        getChildren().clear();
        for (LessonText.Block block : LessonText.parse(markdown)) {
            if (block instanceof LessonText.Paragraph p) {
                getChildren().add(flow(p.spans()));
            } else if (block instanceof LessonText.Bullets b) {
                VBox list = new VBox(3);
                for (int i = 0; i < b.items().size(); i++) {
                    Text mark = styled(new Text(b.numbered() ? (i + 1) + "." : "•"), "lesson-plain");
                    TextFlow item = flow(b.items().get(i));
                    HBox.setHgrow(item, Priority.ALWAYS);
                    HBox row = new HBox(6, new TextFlow(mark), item);
                    list.getChildren().add(row);
                }
                getChildren().add(list);
            } else if (block instanceof LessonText.Code c) {
                TextFlow code = new TextFlow(styled(new Text(c.text()), "lesson-code"));
                code.getStyleClass().add("lesson-code-block");
                getChildren().add(code);
            }
        }
    }

    /** The words shown, without their marks (what a test reads). */
    String shownText() {
        StringBuilder out = new StringBuilder();
        collect(this, out);
        return out.toString();
    }

    private static void collect(Node node, StringBuilder out) {
        if (node instanceof Text t) {
            out.append(t.getText());
        } else if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> collect(child, out));
        }
    }

    private static TextFlow flow(List<LessonText.Span> spans) {
        TextFlow flow = new TextFlow();
        for (LessonText.Span span : spans) {
            flow.getChildren().add(styled(new Text(span.text()), switch (span.style()) {
                case PLAIN -> "lesson-plain";
                case EMPHASIS -> "lesson-emphasis";
                case STRONG -> "lesson-strong";
                case CODE -> "lesson-code";
            }));
        }
        return flow;
    }

    private static Text styled(Text text, String styleClass) {
        text.getStyleClass().add(styleClass);
        return text;
    }
}
