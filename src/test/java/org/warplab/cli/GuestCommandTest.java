package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warplab guest}: its help and what it says for bad input (the build itself is checked by the live test). */
class GuestCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) { }

    private static Outcome run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli().run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesTheCacheTheKernelAndThePackages() {
        Outcome help = run("guest", "build", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Usage: warplab guest build") && help.out().contains("--cache=DIR") && help.out().contains("--kernel=FILE"),
                help.out());
        assertTrue(run("guest", "--help").out().contains("build"), "the action is listed");
        assertTrue(help.out().contains("busybox-static") && help.out().contains("qemu-system-x86"), help.out());
        assertTrue(run("--help").out().contains("guest"), "listed among the commands");
    }

    @Test
    void badInputGetsAMessageAndExitCode2WithoutAStackTrace() {
        Outcome noAction = run("guest");
        assertEquals(2, noAction.code());
        assertTrue(noAction.err().contains("name an action: build"), noAction.err());

        Outcome wrongAction = run("guest", "boot");
        assertEquals(2, wrongAction.code());
        assertTrue(wrongAction.err().contains("'boot' is not a guest action"), wrongAction.err());

        Outcome modulesAlone = run("guest", "build", "--modules", dir.toString());
        assertEquals(2, modulesAlone.code());
        assertTrue(modulesAlone.err().contains("--modules goes with --kernel"), modulesAlone.err());

        Outcome missingKernel = run("guest", "build", "--cache", dir.toString(), "--kernel", dir.resolve("no-such-vmlinuz").toString());
        assertEquals(2, missingKernel.code());
        assertTrue(missingKernel.err().contains("no-such-vmlinuz: no such file"), missingKernel.err());
        assertFalse(missingKernel.err().contains("Exception"), missingKernel.err());
    }
}
