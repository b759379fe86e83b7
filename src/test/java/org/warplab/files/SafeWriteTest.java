package org.warplab.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.io.LabFiles;

class SafeWriteTest {

    @TempDir
    Path dir;

    @Test
    void anExistingFileKeepsItsMode() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.warplab.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        SafeWrite.text(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), entries());
    }

    @Test
    void anExistingFileKeepsItsOwnerAndGroup() throws IOException {
        Path file = Files.writeString(dir.resolve("shared.warplab.json"), "old");
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody;
        GroupPrincipal nogroup;
        try {
            nobody = users.lookupPrincipalByName("nobody");
            nogroup = users.lookupPrincipalByGroupName("nogroup");
        } catch (IOException e) {
            nobody = null;
            nogroup = null;
        }
        assumeTrue(nobody != null && nogroup != null, "needs the users nobody and nogroup");
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            view.setOwner(nobody);
            view.setGroup(nogroup);
        } catch (IOException e) {
            assumeTrue(false, "giving a file away needs root: " + e.getMessage());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        SafeWrite.text(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals(nobody, Files.getOwner(file));
        assertEquals(nogroup, view.readAttributes().group());
    }

    @Test
    void aSaveThatNeedNotSurviveAMachineCrashIsStillAtomicAndKeepsTheMode() throws IOException {
        Path file = Files.writeString(dir.resolve("run.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Object inode = Files.getAttribute(file, "unix:ino");
        SafeWrite.bytes(file, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8), SafeWrite.Durability.PROCESS_EXIT);
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // replaced by a rename (a new inode), not rewritten in place: a reader never sees half a file
        assertFalse(inode.equals(Files.getAttribute(file, "unix:ino")));
        assertEquals(List.of(file), entries());
    }

    @Test
    void aSymbolicLinkIsSavedThroughToItsTarget() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("lab.warplab.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.warplab.json"), Path.of("real", "lab.warplab.json"));
        SafeWrite.text(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
        assertEquals(List.of(real), entries(real.getParent()));
    }

    @Test
    void aLinkToAFileNotYetThereCreatesTheFileAtItsEnd() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.warplab.json"), dir.resolve("later.warplab.json"));
        SafeWrite.text(link, "first");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("first", Files.readString(dir.resolve("later.warplab.json")));
    }

    @Test
    void aHardLinkedFileKeepsAllItsNames() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "old");
        Path other = Files.createLink(dir.resolve("b.json"), file);
        SafeWrite.text(file, "new");
        assertEquals("new", Files.readString(other));
        assertEquals(2, Files.getAttribute(file, "unix:nlink"));
    }

    @Test
    void aNewFileGetsTheModeTheUmaskGives() throws IOException {
        // a file created the plain way (no mode asked for) shows what the umask allows
        Path reference = Files.createFile(dir.resolve("reference"));
        Path file = dir.resolve("new.warplab.json");
        SafeWrite.text(file, "x");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.warplab.json"), "old");
        assertThrows(IOException.class, () -> SafeWrite.stream(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), entries());
    }

    @Test
    void temporariesOfACrashedSaveGoOnTheNextSaveAndOpen() throws Exception {
        long deadPid = finishedProcessPid();
        long livePid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path file = Files.writeString(dir.resolve("lab.warplab.json"), "{}");
        Path crashed = Files.writeString(dir.resolve(SafeWrite.temporaryName("lab.warplab.json", deadPid)), "half");
        Path running = Files.writeString(dir.resolve(SafeWrite.temporaryName("lab.warplab.json", livePid)), "busy");
        Path otherFiles = Files.writeString(dir.resolve(SafeWrite.temporaryName("other.warplab.json", deadPid)), "x");
        SafeWrite.text(file, "{}");
        assertFalse(Files.exists(crashed), "a crashed save's temporary is removed");
        assertTrue(Files.exists(running), "a save still running elsewhere is left alone");
        assertTrue(Files.exists(otherFiles), "another file's temporaries are that file's business");

        Path again = Files.writeString(dir.resolve(SafeWrite.temporaryName("lab.warplab.json", deadPid)), "half");
        try {
            LabFiles.load(file);
        } catch (Exception e) {
            // not a valid lab: the clean-up happens before it is read
        }
        assertFalse(Files.exists(again), "opening the lab cleans up too");

        // names are matched literally: glob and regex characters in a file name mean themselves
        Path odd = Files.writeString(dir.resolve("lab[1]*{a}.warplab.json"), "{}");
        Path oddCrashed = Files.writeString(dir.resolve(SafeWrite.temporaryName("lab[1]*{a}.warplab.json", deadPid)), "half");
        Path lookAlike = Files.writeString(dir.resolve(SafeWrite.temporaryName("lab1x{a}.warplab.json", deadPid)), "x");
        SafeWrite.text(odd, "{}");
        assertFalse(Files.exists(oddCrashed), "a crashed save's temporary of a name with [ ] * { } is removed");
        assertTrue(Files.exists(lookAlike), "a name the glob would have matched is another file's");
    }

    @Test
    void aLabSavedInTheDesignerIsSavedThisWay() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.warplab.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        LabFiles.writeAtomically(file, "{}".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
    }

    private static long finishedProcessPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assumeTrue(ProcessHandle.of(pid).isEmpty(), "the pid was reused at once");
        return pid;
    }

    private List<Path> entries() throws IOException {
        return entries(dir);
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
