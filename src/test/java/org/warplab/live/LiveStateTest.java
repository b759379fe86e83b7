package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveStateTest {

    @TempDir
    Path dir;

    @Test
    void whatARunRecordsIsWhatCleanupReadsBack() throws Exception {
        LiveState state = new LiveState(dir, "ab12");
        state.addNamespaces(List.of("wl-ab12-R1", "wl-ab12-relay."));
        state.addNamespace("wl-ab12-vm1");
        // a description with every character JSON must escape, and one it need not
        state.addProcess(ProcessHandle.current(), "agent \"echo\" in wl-ab12-vm1 \\ tab\there, new\nline, µs");

        List<LiveState.Snapshot> read = LiveState.leftovers(dir);

        assertEquals(List.of(state.snapshot()), read);
        assertEquals(List.of("wl-ab12-R1", "wl-ab12-relay.", "wl-ab12-vm1"), read.get(0).namespaces());
        assertTrue(read.get(0).processes().get(0).startMillis() > 0, read.toString());
    }

    @Test
    void theStateFileIsReplacedWholeAndNoTemporaryIsLeft() throws Exception {
        LiveState state = new LiveState(dir, "cd34");
        for (int i = 0; i < 5; i++) {
            state.addNamespace("wl-cd34-N" + i);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(state.file()), files.toList());
        }
        assertEquals(5, LiveState.leftovers(dir).get(0).namespaces().size());
        state.clear();
        assertEquals(List.of(), LiveState.leftovers(dir));
    }
}
