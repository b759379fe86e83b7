package org.warplab.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.testing.Samples;

/**
 * Random gestures on the sample labs, with undo and redo in between, against a model of the
 * history (a list of labs and a cursor): the document's lab, what can be undone and redone, and
 * whether it is dirty are always the model's; undoing everything gives the opened lab back, to
 * the byte of its file, and redoing everything the last one.
 */
class EditSequencePropertiesTest {

    /** One step of a session: a gesture (with an argument that picks what it acts on), an undo, a redo or a save. */
    record Step(int kind, int arg) {
        static final String[] KINDS = {"move", "delete", "rename", "add", "connect", "duration", "undo", "redo", "save"};

        @Override
        public String toString() {
            return KINDS[kind] + " " + arg;
        }
    }

    @Provide
    Arbitrary<Integer> samples() {
        return Arbitraries.integers().between(0, Samples.names().size() - 1);
    }

    @Provide
    Arbitrary<List<Step>> sessions() {
        return Combinators.combine(Arbitraries.integers().between(0, Step.KINDS.length - 1), Arbitraries.integers().between(0, 1000))
                .as(Step::new).list().ofMaxSize(25);
    }

    @Property(tries = 300, seed = "20261203")
    void aSessionUndoesToTheOpenedLabAndRedoesToItsEnd(@ForAll("samples") int sample, @ForAll("sessions") List<Step> session) {
        Lab opened = Samples.lab(Samples.names().get(sample));
        EditHistory history = new EditHistory(opened);
        List<Lab> states = new ArrayList<>(List.of(opened));
        int at = 0;
        int saved = 0;
        for (Step step : session) {
            switch (Step.KINDS[step.kind()]) {
                case "undo" -> {
                    if (at > 0) {
                        history.undo();
                        at--;
                    }
                }
                case "redo" -> {
                    if (at < states.size() - 1) {
                        history.redo();
                        at++;
                    }
                }
                case "save" -> {
                    history.markSaved();
                    saved = at;
                }
                default -> {
                    Optional<Edit> edit = gesture(history.lab(), step);
                    if (edit.isPresent()) {
                        Lab before = history.lab();
                        Lab after = history.perform(edit.get());
                        if (!after.equals(before)) {
                            states.subList(at + 1, states.size()).clear();
                            if (saved > at) {
                                saved = -1; // the saved state was undone and is now gone
                            }
                            states.add(after);
                            at++;
                        }
                    }
                }
            }
            assertEquals(states.get(at), history.lab(), "after " + step);
            assertEquals(at > 0, history.canUndo(), "can undo after " + step);
            assertEquals(at < states.size() - 1, history.canRedo(), "can redo after " + step);
            assertEquals(at, history.undoDepth());
            assertEquals(saved != at, history.isDirty(), "dirty after " + step);
        }
        while (history.canUndo()) {
            history.undo();
        }
        assertEquals(opened, history.lab());
        assertEquals(LabFiles.toJson(opened), LabFiles.toJson(history.lab()), "the file after undoing everything");
        while (history.canRedo()) {
            history.redo();
        }
        assertEquals(states.get(states.size() - 1), history.lab());
    }

    /** The edit a user's gesture makes on {@code lab}, or none when there is nothing for it to act on. */
    private static Optional<Edit> gesture(Lab lab, Step step) {
        List<Node> nodes = lab.nodes();
        int arg = step.arg();
        switch (Step.KINDS[step.kind()]) {
            case "move" -> {
                if (nodes.isEmpty()) {
                    return Optional.empty();
                }
                Node node = nodes.get(arg % nodes.size());
                return Optional.of(new MoveNodes(Map.of(node.id(), node.position()), Map.of(node.id(), new Position(arg % 37 * 20, arg % 23 * 20))));
            }
            case "delete" -> {
                List<String> ids = new ArrayList<>();
                nodes.forEach(n -> ids.add(n.id()));
                lab.links().forEach(l -> ids.add(l.id()));
                if (ids.isEmpty()) {
                    return Optional.empty();
                }
                RemoveElements remove = new RemoveElements(lab, List.of(ids.get(arg % ids.size())));
                return remove.isEmpty() ? Optional.empty() : Optional.of(remove);
            }
            case "rename" -> {
                if (nodes.isEmpty()) {
                    return Optional.empty();
                }
                Node node = nodes.get(arg % nodes.size());
                return Optional.of(new ReplaceNode("Rename " + node.id(), node, node.withName("renamed " + arg)));
            }
            case "add" -> {
                ElementFactory.Kind kind = ElementFactory.Kind.values()[arg % ElementFactory.Kind.values().length];
                String dataCenter = lab.nodes().stream().filter(n -> n instanceof org.warplab.model.DataCenter).map(Node::id).findFirst().orElse(null);
                if (kind == ElementFactory.Kind.VM && dataCenter == null) {
                    return Optional.empty();
                }
                Node node = ElementFactory.create(lab, kind, new Position(arg, arg / 2.0), dataCenter);
                return Optional.of(new AddElements("Add " + kind.label(), List.of(node), List.of()));
            }
            case "connect" -> {
                if (nodes.size() < 2) {
                    return Optional.empty();
                }
                Node a = nodes.get(arg % nodes.size());
                Node b = nodes.get(arg / nodes.size() % nodes.size());
                Optional<Link> link = ElementFactory.connect(lab, a.id(), b.id(), new StringBuilder());
                return link.map(l -> new AddElements("Connect", List.of(), List.of(l)));
            }
            case "duration" -> {
                LabSettings before = LabSettings.of(lab);
                Lab after = lab.withDurationNs(1_000_000_000L + arg * 1_000_000L);
                return Optional.of(new ChangeSettings("Duration", before, LabSettings.of(after)));
            }
            default -> throw new IllegalArgumentException(step.toString());
        }
    }
}
