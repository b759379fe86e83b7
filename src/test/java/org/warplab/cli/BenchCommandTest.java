package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void printsATableOverTheLargeLab() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new Cli().run(new String[] {"bench", "--flows", "40", "--duration-ms", "50"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(text.contains("events/s"));
        assertTrue(text.contains("1000     1000"), text);
        assertEquals(2, new Cli().run(new String[] {"bench", "--flows", "x"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream())));
    }
}
