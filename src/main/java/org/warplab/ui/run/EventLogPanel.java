package org.warplab.ui.run;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.warplab.run.Trace;
import org.warplab.run.TraceEvent;
import org.warplab.run.story.StoryStep;
import org.warplab.ui.common.Wording;

/**
 * The run view's side tabs: the event log (filtered by kind and text, its selection kept on the
 * last event at the playhead, or the story's steps only) and the packet inspector (a clicked
 * packet's way through the network, its headers before and after each translation).
 */
final class EventLogPanel {

    enum LogFilter {
        STATE("state changes and drops"), STORY("story steps only"), ALL("every event"), DROPS("drops only"), PACKETS("packet steps");

        final String label;

        LogFilter(String label) {
            this.label = label;
        }

        boolean accepts(TraceEvent e) {
            switch (this) {
                case ALL:
                    return true;
                case DROPS:
                    return e instanceof TraceEvent.Dropped;
                case PACKETS:
                    return TraceText.isPacketStep(e);
                case STORY:
                    return false; // the story's own list is shown instead of the table
                default:
                    return !TraceText.isPacketStep(e);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a choice in the log takes the replay (it pauses first). */
    interface Navigation {
        void pauseAndSeek(long timeNs);

        void pauseAndGoToStep(int index);
    }

    private static final String PACKET_HINT = "Click a packet on the canvas to see its headers, before and after each translation.";

    private final UnaryOperator<String> shownName;
    private final java.util.Map<String, String> shownNames = new java.util.HashMap<>();
    private final Supplier<TraceIndex> index;
    private final ObservableList<TraceEvent> logItems = FXCollections.observableArrayList();
    private final FilteredList<TraceEvent> filteredLog = new FilteredList<>(logItems);
    private final TableView<TraceEvent> log = new TableView<>(filteredLog);
    private final TextField logFilter = new TextField();
    private final ChoiceBox<LogFilter> logKind = new ChoiceBox<>(FXCollections.observableArrayList(LogFilter.values()));
    private final ListView<StoryStep> storyList = new ListView<>();
    private final TextArea packetDetails = new TextArea();
    private final TabPane sideTabs = new TabPane();
    private final Tab packetTab;
    private long timeNs;
    private long lastLogSync;
    private boolean syncing;

    private final Function<TraceEvent, String> timeText = e -> TraceText.time(e.timeNs());
    private final Function<TraceEvent, String> typeText = TraceText::type;
    private final Function<TraceEvent, String> whereText;

    EventLogPanel(UnaryOperator<String> shownName, Supplier<TraceIndex> index, Navigation navigation) {
        // a node's shown name looked up once per showing or filtering, not once per event (the lab's lookup walks its nodes)
        this.shownName = id -> shownNames.computeIfAbsent(id, shownName);
        this.whereText = e -> TraceText.where(e, this.shownName);
        this.index = index;
        log.setId("run-log");
        log.setPlaceholder(new Label("No run yet"));
        log.getColumns().add(column("time (ms)", 80, timeText));
        log.getColumns().add(column("event", 130, typeText)); // "announcement", "binding update" whole
        log.getColumns().add(column("where", 140, whereText));
        log.getColumns().add(column("what", 420, TraceText::detail));
        log.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !syncing) {
                navigation.pauseAndSeek(is.timeNs());
            }
        });
        logFilter.setId("run-log-filter");
        logFilter.setPromptText("filter: text in the event (node, kind, address…)");
        logFilter.setMinWidth(80);
        logKind.setId("run-log-kind");
        logKind.setValue(LogFilter.STATE);
        logFilter.textProperty().addListener(o -> refilter());
        logKind.valueProperty().addListener(o -> refilter());
        HBox.setHgrow(logFilter, Priority.ALWAYS);
        HBox logBar = new HBox(6, logKind, logFilter);
        RunPane.keepWhole(logBar);
        logBar.getStyleClass().add("run-bar");
        storyList.setId("run-story-list");
        storyList.setPlaceholder(new Label("No run yet"));
        storyList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StoryStep item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%9.1f ms  %s: %s", item.timeNs() / 1e6, item.kind().label(), item.caption()));
            }
        });
        storyList.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !syncing) {
                navigation.pauseAndGoToStep(storyList.getItems().indexOf(is));
            }
        });
        StackPane logStack = new StackPane(log, storyList);
        storyList.visibleProperty().bind(logKind.valueProperty().isEqualTo(LogFilter.STORY));
        log.visibleProperty().bind(storyList.visibleProperty().not());
        VBox logBox = new VBox(logBar, logStack);
        VBox.setVgrow(logStack, Priority.ALWAYS);
        packetDetails.setId("run-packet");
        packetDetails.setEditable(false);
        packetDetails.getStyleClass().add("packet-details");
        packetDetails.setText(PACKET_HINT);
        Tab logTab = new Tab("Event log", logBox);
        logTab.setId("run-tab-log");
        packetTab = new Tab("Packet", packetDetails);
        packetTab.setId("run-tab-packet");
        sideTabs.getTabs().addAll(logTab, packetTab);
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    }

    private static TableColumn<TraceEvent, String> column(String title, double width, Function<TraceEvent, String> text) {
        TableColumn<TraceEvent, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    TabPane node() {
        return sideTabs;
    }

    /**
     * The time, event and where columns as wide as their widest text in this run ("announcement seen",
     * "PDC (peak-time) → ADC (all-day)"), never narrower than they start; the what column, last,
     * is reached by scrolling sideways.
     */
    private void fitShortColumns(List<TraceEvent> events) {
        javafx.scene.text.Text measure = new javafx.scene.text.Text();
        measure.setFont(javafx.scene.text.Font.font(13));
        List<Function<TraceEvent, String>> texts = List.of(timeText, typeText, whereText);
        for (int i = 0; i < texts.size(); i++) {
            TableColumn<TraceEvent, ?> column = log.getColumns().get(i);
            java.util.Set<String> shown = new java.util.HashSet<>();
            shown.add(column.getText());
            if (texts.get(i) == timeText) {
                // times ascend and share their decimals: the last is the widest (formatting 400,000 took seconds)
                if (!events.isEmpty()) {
                    shown.add(timeText.apply(events.get(0)));
                    shown.add(timeText.apply(events.get(events.size() - 1)));
                }
            } else {
                for (TraceEvent e : events) {
                    shown.add(texts.get(i).apply(e));
                }
            }
            double widest = 0;
            for (String text : shown) {
                measure.setText(text);
                widest = Math.max(widest, measure.getLayoutBounds().getWidth());
            }
            double initial = column.getProperties().containsKey(INITIAL_WIDTH) ? (double) column.getProperties().get(INITIAL_WIDTH) : column.getPrefWidth();
            column.getProperties().put(INITIAL_WIDTH, initial);
            column.setPrefWidth(Math.max(initial, Math.ceil(widest) + 24));
        }
    }

    private static final String INITIAL_WIDTH = "warplab-initial-width";

    TableView<TraceEvent> log() {
        return log;
    }

    /** A run's events and story steps. */
    void show(List<TraceEvent> events, List<StoryStep> steps) {
        shownNames.clear();
        logItems.setAll(events);
        fitShortColumns(events);
        storyList.getItems().setAll(steps);
        refilter();
    }

    /** No run: nothing of the last one stays (its rows, filter, packet), the empty log says why. */
    void clear(String emptyLogText) {
        storyList.getItems().clear();
        logItems.clear();
        logFilter.clear();
        logKind.setValue(LogFilter.STATE);
        log.setPlaceholder(new Label(emptyLogText));
        packetDetails.setText(PACKET_HINT);
    }

    boolean isEmpty() {
        return logItems.isEmpty();
    }

    /** The story step shown (-1: before the first), selected in the story list. */
    void storyStepShown(int i) {
        syncing = true;
        try {
            if (i < 0) {
                storyList.getSelectionModel().clearSelection();
            } else {
                storyList.getSelectionModel().clearAndSelect(i);
                storyList.scrollTo(Math.max(0, i - 2));
            }
        } finally {
            syncing = false;
        }
    }

    /** Keeps the log's selection on the last event at or before the playhead (at most ten times a second while playing, unless {@code now}). */
    void timeChanged(long timeNs, boolean now) {
        this.timeNs = timeNs;
        long wall = System.nanoTime();
        if (!now && wall - lastLogSync < 100_000_000L) {
            return;
        }
        lastLogSync = wall;
        int row = Trace.firstAfter(filteredLog, timeNs) - 1;
        syncing = true;
        try {
            if (row < 0) {
                log.getSelectionModel().clearSelection();
            } else if (log.getSelectionModel().getSelectedIndex() != row) {
                log.getSelectionModel().clearAndSelect(row);
                log.scrollTo(Math.max(0, row - 3));
            }
        } finally {
            syncing = false;
        }
    }

    private void refilter() {
        shownNames.clear();
        LogFilter kind = logKind.getValue() == null ? LogFilter.STATE : logKind.getValue();
        String text = logFilter.getText() == null ? "" : logFilter.getText().strip().toLowerCase(Locale.ROOT);
        filteredLog.setPredicate(e -> kind.accepts(e) && (text.isEmpty()
                || (TraceText.type(e) + " " + TraceText.where(e, shownName) + " " + TraceText.detail(e)).toLowerCase(Locale.ROOT).contains(text)));
        if (!logItems.isEmpty()) {
            log.setPlaceholder(new Label("No row matches the filter (" + Wording.count(logItems.size(), "event") + " in this run); clear the filter to see them"));
        }
        timeChanged(timeNs, true);
    }

    /** Shows the packet's story in the Packet tab. */
    void inspect(TraceEvent.PacketSent packet) {
        packetDetails.setText(packetStory(packet));
        sideTabs.getSelectionModel().select(packetTab);
    }

    /** The packet's story: every hop, translation (addresses before → after), tunnel, and how it ended. */
    String packetStory(TraceEvent.PacketSent packet) {
        StringBuilder out = new StringBuilder();
        TraceEvent.PacketSent first = index.get().firstHop(packet.packetId());
        out.append("Packet #").append(packet.packetId()).append(": ").append(packet.kind().name().toLowerCase(Locale.ROOT))
                .append(packet.flow() == null ? "" : " of flow " + packet.flow() + ", sequence " + packet.sequence()).append(", ")
                .append(packet.bytes()).append(" bytes\n");
        out.append("Now on ").append(packet.link()).append(": ").append(packet.fromNode()).append(" → ").append(packet.toNode())
                .append(String.format(Locale.ROOT, ", left at %.3f ms, arrives at %.3f ms (%s on the link)%n", packet.departNs() / 1e6,
                        packet.arriveNs() / 1e6, TraceText.ms(packet.arriveNs() - packet.departNs())));
        out.append("Headers here:  source ").append(packet.source()).append("  destination ").append(packet.destination()).append('\n');
        if (first != null && (!first.source().equals(packet.source()) || !first.destination().equals(packet.destination()))) {
            out.append("As sent:       source ").append(first.source()).append("  destination ").append(first.destination()).append('\n');
        }
        out.append("\nIts way through the network:\n");
        for (TraceEvent e : index.get().packetStory(packet.packetId())) {
            out.append(String.format(Locale.ROOT, "  %10.3f ms  %-12s %s%n", e.timeNs() / 1e6, TraceText.type(e), storyLine(e)));
        }
        return out.toString();
    }

    private static String storyLine(TraceEvent e) {
        if (e instanceof TraceEvent.PacketSent p) {
            return p.fromNode() + " → " + p.toNode() + " on " + p.link() + "   " + p.source() + " → " + p.destination();
        } else if (e instanceof TraceEvent.Translated t) {
            return t.node() + " rewrote the " + t.field() + ": " + t.from() + " → " + t.to();
        }
        return TraceText.where(e) + ": " + TraceText.detail(e);
    }

    String packetDetailsText() {
        return packetDetails.getText();
    }
}
