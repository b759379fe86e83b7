package org.warplab.live.qemu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a cpio archive in the "newc" format (the one the Linux kernel unpacks as an initramfs):
 * directories, regular files and symbolic links, owned by root, with the trailer at the end.
 * Written here rather than by the cpio tool, which a Debian system does not always have.
 */
public final class Cpio implements AutoCloseable {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;
    private static final int CHARACTER_DEVICE = 0020000;

    private final OutputStream out;
    private final Set<String> names = new HashSet<>();
    private long written;
    private int inode = 1;

    public Cpio(OutputStream out) {
        this.out = out;
    }

    public void directory(String name, int permissions) throws IOException {
        entry(name, DIRECTORY | permissions, new byte[0]);
    }

    public void file(String name, int permissions, byte[] content) throws IOException {
        entry(name, REGULAR | permissions, content);
    }

    public void symlink(String name, String target) throws IOException {
        entry(name, SYMLINK | 0777, target.getBytes(StandardCharsets.UTF_8));
    }

    /** A character device node, e.g. dev/console (5, 1), which the kernel opens for init before any devtmpfs exists. */
    public void characterDevice(String name, int permissions, int major, int minor) throws IOException {
        entry(name, CHARACTER_DEVICE | permissions, new byte[0], major, minor);
    }

    private void entry(String name, int mode, byte[] content) throws IOException {
        entry(name, mode, content, 0, 0);
    }

    private void entry(String name, int mode, byte[] content, int deviceMajor, int deviceMinor) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("..")) {
            throw new IllegalArgumentException("cpio entry names are relative paths without '..': " + name);
        }
        if (!names.add(name) && !name.equals("TRAILER!!!")) {
            throw new IllegalArgumentException("duplicate cpio entry " + name);
        }
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        boolean directory = (mode & 0170000) == DIRECTORY;
        String header = "070701"
                + hex(name.equals("TRAILER!!!") ? 0 : inode++)
                + hex(mode)
                + hex(0) + hex(0) // uid, gid: root
                + hex(directory ? 2 : 1) // links
                + hex(0) // mtime: fixed, so the same inputs give the same archive
                + hex(content.length)
                + hex(0) + hex(0) // the device holding the file: none
                + hex(deviceMajor) + hex(deviceMinor) // the device a node stands for
                + hex(nameBytes.length)
                + hex(0); // checksum (unused by newc)
        write(header.getBytes(StandardCharsets.US_ASCII));
        write(nameBytes);
        pad();
        write(content);
        pad();
    }

    private static String hex(long value) {
        return String.format("%08x", value);
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    /** Writes the trailer; the underlying stream is flushed but left open. */
    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, new byte[0]);
        out.flush();
    }
}
