package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.warplab.testing.Samples;

/** The runner's reading of the agents' lines: known events with their fields, and everything else reported, not dropped. */
class AgentEventTest {

    @Test
    void aWellFormedEventIsReadWithItsKindAndFields() {
        AgentEvent e = AgentEvent.parse("probe P1", "{\"t\":42,\"event\":\"echo\",\"seq\":7,\"rtt\":1500,\"from\":\"10.0.0.1\"}", 99);
        assertEquals(AgentEvent.Kind.ECHO, e.kind());
        assertEquals(42, e.timeNs());
        assertEquals(7, e.number("seq"));
        assertEquals("10.0.0.1", e.text("from"));
        assertFalse(e.isProblem());
    }

    @Test
    void aMissingNumberIsAnErrorNotZero() {
        AgentEvent e = AgentEvent.parse("probe P1", "{\"t\":42,\"event\":\"sent\"}", 99);
        assertEquals(AgentEvent.Kind.MALFORMED, e.kind());
        assertEquals(99, e.timeNs(), "a line that is no event is placed where it arrived");
        assertEquals("'sent' needs a number 'seq', which is missing", e.text("reason"));
        AgentEvent text = AgentEvent.parse("probe P1", "{\"t\":42,\"event\":\"sent\",\"seq\":\"seven\"}", 99);
        assertTrue(text.text("reason").contains("found \"seven\""), text.text("reason"));
        AgentEvent ready = AgentEvent.parse("probe P1", "{\"t\":42,\"event\":\"ready\"}", 99);
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> ready.number("port"));
        assertEquals("agent probe P1's 'ready' event has no number 'port'", missing.getMessage());
    }

    @Test
    void unknownAndBrokenLinesAreReportedWithTheLineAndWhy() {
        AgentEvent unknown = AgentEvent.parse("watcher DC1", "{\"t\":5,\"event\":\"teleported\"}", 99);
        assertEquals(AgentEvent.Kind.UNRECOGNIZED, unknown.kind());
        assertEquals("no event 'teleported' in the agent protocol", unknown.text("reason"));
        assertEquals("{\"t\":5,\"event\":\"teleported\"}", unknown.text("line"));
        for (String line : List.of("Exception in thread main", "{\"event\":\"sent\",\"seq\":1}", "[1,2]", "{\"t\":1,\"event\":\"malformed\",\"line\":\"x\",\"reason\":\"y\"}")) {
            AgentEvent e = AgentEvent.parse("echo vm1", line, 7);
            assertTrue(e.isProblem(), line);
            assertEquals(line, e.text("line"));
            assertFalse(e.text("reason").isBlank(), line);
        }
    }

    /** Every event name an agent emits is one the runner knows, with its fields: the protocol is one list. */
    @Test
    void everyEventTheAgentsEmitIsInTheProtocol() throws IOException {
        Pattern emit = Pattern.compile("(?:emit|emitAt\\([^,]+,|sendOnCurrent\\([^\\n]*?,|report)\\(?\\s*\"([a-z][a-z-]*)\"");
        List<String> unknown = new ArrayList<>();
        int found = 0;
        try (Stream<Path> files = Files.list(Samples.projectDir().resolve("src/main/java/org/warplab/live/agent"))) {
            for (Path file : files.toList()) {
                Matcher m = emit.matcher(Files.readString(file));
                while (m.find()) {
                    found++;
                    if (AgentEvent.Kind.of(m.group(1)).isEmpty()) {
                        unknown.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), unknown);
        assertTrue(found > 30, "the scan finds the agents' events: " + found);
    }
}
