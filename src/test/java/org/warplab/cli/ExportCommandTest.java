package org.warplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Samples;

class ExportCommandTest {

    @Test
    void exportsASampleForContainerlabAndRefusesToMixIntoAFullDirectory(@TempDir Path dir) throws Exception {
        String lab = Samples.file("mipv6-paper").toString();
        CliTest.Run run = CliTest.run("export", "containerlab", lab, "-o", dir.resolve("out").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("sudo containerlab deploy -t mipv6-paper.clab.yml"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("out/mipv6-paper.clab.yml")));
        assertTrue(Files.isExecutable(dir.resolve("out/migrate-MIG1.sh")));
        CliTest.Run again = CliTest.run("export", "containerlab", lab, "-o", dir.resolve("out").toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("is not empty; use --force"), again.err());
        assertEquals(0, CliTest.run("export", "containerlab", lab, "-o", dir.resolve("out").toString(), "--force", "--state", "after").exit());
    }

    @Test
    void badArgumentsSayWhatIsWrong(@TempDir Path dir) {
        String lab = Samples.file("paging-paper").toString();
        assertTrue(CliTest.run("export", "gns3", lab, "-o", dir.toString()).err().contains("containerlab is the one there is"));
        assertTrue(CliTest.run("export", "containerlab", lab).err().contains("-o DIR"));
        assertTrue(CliTest.run("export", "containerlab", lab, "-o", dir.toString(), "--state", "during").err().contains("before or after"));
        assertTrue(CliTest.run("export", "containerlab", lab, "-o", dir.toString(), "--name", "Bad Name").err().contains("--name takes"));
        CliTest.Run missing = CliTest.run("export", "containerlab", dir.resolve("none.warplab.json").toString(), "-o", dir.resolve("x").toString());
        assertEquals(2, missing.exit());
    }
}
