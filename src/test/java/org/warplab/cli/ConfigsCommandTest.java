package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Samples;

class ConfigsCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesEveryStateAndDevice() {
        Path dir = temp.resolve("out");
        assertEquals(0, run("configs", Samples.file("paging-paper").toString(), "-o", dir.toString()));
        assertTrue(Files.isRegularFile(dir.resolve("before/R3/nft/paging.nft")));
        assertTrue(Files.isRegularFile(dir.resolve("after-MIG1/R3/nft/switch-MIG1.nft")));
        assertTrue(Files.isRegularFile(dir.resolve("before/_wiring/links.batch")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("after-MIG1/"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheChosenState() {
        Path dir = temp.resolve("after");
        assertEquals(0, run("configs", Samples.file("paging-three-dc").toString(), "-o", dir.toString(), "--state", "after"));
        assertFalse(Files.exists(dir.resolve("before")));
        assertTrue(Files.isDirectory(dir.resolve("after-MIG3")));
    }

    @Test
    void refusesANonEmptyDirectoryWithoutForce() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("full"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        assertEquals(2, run("configs", Samples.file("paging-paper").toString(), "-o", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--force"));
        assertFalse(Files.exists(dir.resolve("before")));
        assertEquals(0, run("configs", Samples.file("paging-paper").toString(), "-o", dir.toString(), "--force"));
        assertTrue(Files.exists(dir.resolve("before/R1/ip.batch")));
        assertTrue(Files.exists(dir.resolve("keep.txt")));
    }

    @Test
    void mobileIpv6WithoutIpv6IsRefusedWithLocatedMessagesAndNothingWritten() {
        Path dir = temp.resolve("none");
        int exit = run("configs", Samples.file("paging-paper").toString(), "-o", dir.toString(), "--scheme", "mobile-ipv6");
        assertEquals(1, exit);
        String messages = err.toString(StandardCharsets.UTF_8);
        assertTrue(messages.contains("paging-paper.warplab.json:"), messages);
        assertTrue(messages.contains("mobile-ipv6"), messages);
        assertFalse(Files.exists(dir));
    }

    @Test
    void anotherSchemeOfTheSameLab() {
        Path dir = temp.resolve("baseline");
        assertEquals(0, run("configs", Samples.file("paging-paper").toString(), "-o", dir.toString(), "--scheme", "routing-move"));
        assertFalse(Files.exists(dir.resolve("before/R1/nft")));
        assertTrue(Files.exists(dir.resolve("after-MIG1/R2/frr/ospfd.conf")));
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        assertEquals(2, run("configs", Samples.file("paging-paper").toString(), "-o", temp.resolve("x").toString(), "--state", "during"));
        assertEquals(2, run("configs", Samples.file("paging-paper").toString(), "-o", temp.resolve("x").toString(), "--scheme", "magic"));
        assertEquals(2, run("configs", Samples.file("paging-paper").toString()));
    }
}
