package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class IoProblemsTest {
    @Test
    void saysWhyAWriteFailedNotOnlyWhere() {
        assertEquals("out/r.json: permission denied (check the permissions of the file and its folders)",
                IoProblems.describe(new AccessDeniedException("out/r.json")));
        assertEquals("/mnt/r.json: no space left on the device (the disk is full)",
                IoProblems.describe(new FileSystemException("/mnt/r.json", null, "No space left on device")));
        assertEquals("the file system is read-only", IoProblems.reason(new IOException("Read-only file system")));
    }
}
