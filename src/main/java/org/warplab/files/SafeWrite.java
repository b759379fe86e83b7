package org.warplab.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every file WarpLab saves (labs, autosave, {@code warplab format}, reports, exports) is written
 * here, so that saving behaves like a careful editor's save:
 * <ul>
 * <li>atomic: the content goes to a temporary file beside the target, is forced to disk and renamed
 * over it, so a crash leaves the old file or the new one whole;</li>
 * <li>a symbolic link is saved through: its target gets the new content and the link stays;</li>
 * <li>an existing file keeps its mode, owner and group (and its hard links: a file with more than
 * one name, or whose owner this process cannot give to a new file, is rewritten in place after the
 * temporary copy is complete);</li>
 * <li>a new file gets the mode the umask gives (the temporary file is created without a mode of its
 * own, so the operating system applies the umask, as for any program that creates a file);</li>
 * <li>a temporary file left by a crashed save (its process is gone) is removed by the next save or
 * open of the same file ({@link #removeStaleTemporaries}).</li>
 * </ul>
 */
public final class SafeWrite {

    /** What a save must survive. */
    public enum Durability {
        /** the machine crashing or losing power: the content and the rename are forced to disk (every user's file) */
        MACHINE_CRASH,
        /**
         * only this process dying (kill -9): the rename is still atomic, but nothing is forced to disk.
         * For files that describe what the next boot clears anyway (a live run's namespaces under
         * /run), where each force costs 2-35 ms on a disk other processes are writing to.
         */
        PROCESS_EXIT
    }

    /** Writes the content to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** {@code .NAME.PID-RANDOM.warplab-tmp}: the pid says whether the save that made it may still be running. */
    private static final String SUFFIX = ".warplab-tmp";
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.(\\d+)-[0-9a-f]{12}" + Pattern.quote(SUFFIX));
    private static final long OWN_PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Temporary files of saves still running in this process: not stale even though their pid is alive. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static final int MAX_LINK_HOPS = 40;

    private SafeWrite() {
    }

    public static void text(Path file, String text) throws IOException {
        bytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void bytes(Path file, byte[] content) throws IOException {
        stream(file, out -> out.write(content));
    }

    /** Saves {@code content} to {@code file} as described above, forced to disk only for {@link Durability#MACHINE_CRASH}. */
    public static void bytes(Path file, byte[] content, Durability durability) throws IOException {
        stream(file, durability, out -> out.write(content));
    }

    /** Saves what {@code content} writes to {@code file}, as described above. */
    public static void stream(Path file, Content content) throws IOException {
        stream(file, Durability.MACHINE_CRASH, content);
    }

    /** Saves what {@code content} writes to {@code file}, as described above, surviving what {@code durability} says. */
    public static void stream(Path file, Durability durability, Content content) throws IOException {
        boolean force = durability == Durability.MACHINE_CRASH;
        Path target = throughLinks(file);
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // a device or a pipe (/dev/stdout, /dev/full, a FIFO): written to as it is, never replaced by a file
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.flush();
            }
            return;
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(target);
        Optional<PosixFileAttributes> existing = posixAttributes(target);
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new AccessDeniedException(target.toString(), null, "the file is read-only; save under another name");
        }
        Path temp = newTemporary(dir, target.getFileName().toString());
        IN_PROGRESS.add(temp);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                if (force) {
                    channel.force(true);
                }
            }
            if (existing.isPresent() && !takeOver(temp, target, existing.get())) {
                rewriteInPlace(temp, target, force);
                return;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (force) {
                syncDirectory(dir);
            }
        } finally {
            IN_PROGRESS.remove(temp);
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The file a save of {@code file} writes: {@code file} itself, or, for a symbolic link (also one
     * whose target does not exist yet), the file at the end of its chain of links.
     */
    public static Path throughLinks(Path file) throws IOException {
        Path current = file.toAbsolutePath();
        for (int hop = 0; Files.isSymbolicLink(current); hop++) {
            if (hop == MAX_LINK_HOPS) {
                throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(current);
            current = current.resolveSibling(link).normalize();
        }
        return current;
    }

    /**
     * Removes the temporary files that earlier saves of {@code file} left behind because their process
     * ended mid-save; returns how many. A temporary of a save still running is left alone.
     */
    public static int removeStaleTemporaries(Path file) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String name = target.getFileName().toString();
        int removed = 0;
        // ".NAME.*.warplab-tmp" by prefix and suffix: a glob (and the regex quoting its name) compiled two patterns
        // on every save and every lab read, twice a sweep; TEMPORARY below decides
        String prefix = "." + name + ".";
        DirectoryStream.Filter<Path> candidates = entry -> {
            String entryName = entry.getFileName().toString();
            return entryName.length() >= prefix.length() + SUFFIX.length() && entryName.startsWith(prefix) && entryName.endsWith(SUFFIX);
        };
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, candidates)) {
            for (Path entry : entries) {
                Matcher m = TEMPORARY.matcher(entry.getFileName().toString());
                if (m.matches() && m.group(1).equals(name) && isStale(entry, Long.parseLong(m.group(2)))) {
                    try {
                        if (Files.deleteIfExists(entry)) {
                            removed++;
                        }
                    } catch (IOException e) {
                        // someone else's file in a shared folder: leave it
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return removed;
        }
        return removed;
    }

    /** The name a temporary file of {@code target} saved by process {@code pid} gets (for tests of a crashed save). */
    static String temporaryName(String target, long pid) {
        // 12 hex digits, zero-padded, as "%012x" wrote them (without java.util.Formatter: every sweep saves its CSV here)
        String random = Long.toHexString(RANDOM.nextLong() & 0xffff_ffff_ffffL);
        return "." + target + "." + pid + "-" + "0".repeat(12 - random.length()) + random + SUFFIX;
    }

    private static boolean isStale(Path temp, long pid) {
        if (pid == OWN_PID) {
            return !IN_PROGRESS.contains(temp.toAbsolutePath());
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static Path newTemporary(Path dir, String target) throws IOException {
        while (true) {
            Path temp = dir.resolve(temporaryName(target, OWN_PID));
            try {
                // no mode given: the file gets 0666 less the umask, as a new file of any program does
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // a name taken by chance: draw another
            }
        }
    }

    private static Optional<PosixFileAttributes> posixAttributes(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                || !target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        return Optional.of(Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Gives the temporary file the target's mode, owner and group; false when the rename would lose
     * something (an owner or group this process may not give, or the target's other hard links).
     */
    private static boolean takeOver(Path temp, Path target, PosixFileAttributes was) throws IOException {
        Object links = Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        if (links instanceof Integer n && n > 1) {
            return false;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(was.owner())) {
                view.setOwner(was.owner());
            }
            if (!now.group().equals(was.group())) {
                view.setGroup(was.group());
            }
        } catch (FileSystemException e) {
            return false;
        }
        view.setPermissions(was.permissions());
        return true;
    }

    /** The target keeps its inode (owner, links); the complete temporary copy is written over it. */
    private static void rewriteInPlace(Path temp, Path target, boolean force) throws IOException {
        try (FileChannel from = FileChannel.open(temp, StandardOpenOption.READ);
                FileChannel to = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = from.size();
            for (long done = 0; done < size; ) {
                done += from.transferTo(done, size - done, to);
            }
            if (force) {
                to.force(true);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }
}
