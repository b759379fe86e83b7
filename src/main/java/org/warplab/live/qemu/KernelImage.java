package org.warplab.live.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.warplab.live.HostTools;

/**
 * Turns a kernel file into what QEMU boots fastest. Under TCG an uncompressed ELF {@code vmlinux}
 * booted through its PVH entry note starts in about half the time of the compressed bzImage (whose
 * decompressor runs emulated), so the compressed payload inside the bzImage is found and unpacked
 * the way the kernel's own {@code scripts/extract-vmlinux} does: look for each compression's magic
 * bytes, try to decompress from there, keep the first result that is an ELF file.
 */
public final class KernelImage {

    /** How QEMU boots the kernel file: PVH entry of an ELF vmlinux, or the bzImage's own decompressor. */
    public enum BootMethod { PVH, BZIMAGE }

    /** The file to give QEMU's {@code -kernel}, how it boots, and the kernel release string when it could be read. */
    public record Prepared(Path file, BootMethod method, Optional<String> release, String note) { }

    /** A compression a Debian kernel may use, its magic bytes, and the tool (and package) that undoes it. */
    enum Compression {
        GZIP(new byte[] {0x1f, (byte) 0x8b, 0x08}, null, null),
        XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, "xz", "xz-utils"),
        ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "zstd", "zstd"),
        LZ4(new byte[] {0x02, 0x21, 0x4c, 0x18}, "lz4", "lz4"),
        BZIP2(new byte[] {'B', 'Z', 'h'}, "bzip2", "bzip2"),
        LZMA(new byte[] {0x5d, 0, 0, 0}, "xz", "xz-utils"),
        LZO(new byte[] {(byte) 0x89, 'L', 'Z', 'O', 0, 0x0d, 0x0a, 0x1a, 0x0a}, "lzop", "lzop");

        final byte[] magic;
        final String tool;
        final String debianPackage;

        Compression(byte[] magic, String tool, String debianPackage) {
            this.magic = magic;
            this.tool = tool;
            this.debianPackage = debianPackage;
        }

        List<String> decompressArgv(String toolPath) {
            if (this == LZMA) {
                return List.of(toolPath, "--format=lzma", "-dc");
            }
            return List.of(toolPath, "-dc");
        }
    }

    /** The kernel cannot be used: the message says why and what to install or pass instead. */
    public static final class UnusableKernelException extends Exception {
        public UnusableKernelException(String message) {
            super(message);
        }
    }

    private final HostTools tools;

    public KernelImage(HostTools tools) {
        this.tools = tools;
    }

    /**
     * Prepares {@code kernel} for booting, writing an extracted vmlinux to {@code vmlinuxOut} when
     * that is possible; otherwise the kernel file itself is booted as a bzImage.
     */
    public Prepared prepare(Path kernel, Path vmlinuxOut) throws IOException, UnusableKernelException {
        byte[] bytes = Files.readAllBytes(kernel);
        if (Elf.isElf(bytes)) {
            if (!Elf.hasPvhEntryNote(bytes)) {
                throw new UnusableKernelException(kernel + " is an ELF kernel without a PVH entry note, which QEMU cannot boot directly;"
                        + " pass the compressed bzImage (vmlinuz) instead, or a kernel built with CONFIG_PVH=y");
            }
            return new Prepared(kernel, BootMethod.PVH, releaseInElf(bytes), "an uncompressed kernel with a PVH entry note: booted as it is");
        }
        if (!isBzImage(bytes)) {
            throw new UnusableKernelException(kernel + " is neither a bzImage (no 'HdrS' boot header) nor an ELF vmlinux; pass the vmlinuz file of a Linux kernel");
        }
        Optional<String> release = releaseInBzImage(bytes);
        List<String> missingTools = new ArrayList<>();
        for (Compression compression : Compression.values()) {
            for (int at = indexOf(bytes, compression.magic, 0); at >= 0; at = indexOf(bytes, compression.magic, at + 1)) {
                Optional<byte[]> elf = decompress(compression, bytes, at, missingTools);
                if (elf.isPresent() && Elf.isElf(elf.get())) {
                    if (!Elf.hasPvhEntryNote(elf.get())) {
                        return new Prepared(kernel, BootMethod.BZIMAGE, release,
                                "the kernel has no PVH entry note (CONFIG_PVH is off): booted as a bzImage, which is slower under TCG");
                    }
                    Files.createDirectories(vmlinuxOut.toAbsolutePath().getParent());
                    Path temp = vmlinuxOut.resolveSibling(vmlinuxOut.getFileName() + ".tmp");
                    Files.write(temp, elf.get());
                    Files.move(temp, vmlinuxOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return new Prepared(vmlinuxOut, BootMethod.PVH, release.or(() -> releaseInElf(elf.get())),
                            compression.name().toLowerCase() + "-compressed payload at byte " + at + " extracted to an uncompressed vmlinux, booted through its PVH entry");
                }
                if (compression.tool != null && missingTools.contains(compression.tool)) {
                    break;
                }
            }
        }
        String hint = missingTools.isEmpty() ? "" : " (could not try " + String.join(", ", missingTools.stream()
                .map(t -> t + ", Debian package " + packageFor(t)).toList()) + ": missing)";
        return new Prepared(kernel, BootMethod.BZIMAGE, release, "no uncompressed kernel could be extracted" + hint + ": booted as a bzImage, which is slower under TCG");
    }

    /** The tools that could undo each compression, for a message naming packages. */
    static String packageFor(String tool) {
        for (Compression c : Compression.values()) {
            if (tool.equals(c.tool)) {
                return c.debianPackage;
            }
        }
        return tool;
    }

    private Optional<byte[]> decompress(Compression compression, byte[] bytes, int at, List<String> missingTools) throws IOException {
        if (compression == Compression.GZIP) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes, at, bytes.length - at))) {
                return Optional.of(readUpTo(in, 512L << 20));
            } catch (IOException e) {
                // not a gzip stream after all (the magic bytes also occur by chance)
                return Optional.empty();
            }
        }
        Optional<Path> tool = tools.find(compression.tool);
        if (tool.isEmpty()) {
            if (!missingTools.contains(compression.tool)) {
                missingTools.add(compression.tool);
            }
            return Optional.empty();
        }
        Process process = new ProcessBuilder(compression.decompressArgv(tool.get().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(bytes, at, bytes.length - at);
            } catch (IOException e) {
                // the tool stops reading at the end of its stream (or at garbage): expected
            }
        }, "kernel-decompress-feed");
        feeder.setDaemon(true);
        feeder.start();
        byte[] out;
        try (InputStream stdout = process.getInputStream()) {
            out = readUpTo(stdout, 512L << 20);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decompressing the kernel");
        }
        // the tools complain about the bytes after the payload ("trailing garbage"): judge the output instead
        return out.length > 0 ? Optional.of(out) : Optional.empty();
    }

    private static byte[] readUpTo(InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buffer.write(chunk, 0, n);
            if (buffer.size() > limit) {
                throw new IOException("decompressed kernel is larger than " + (limit >> 20) + " MiB");
            }
        }
        return buffer.toByteArray();
    }

    static boolean isBzImage(byte[] bytes) {
        return bytes.length > 0x210 && bytes[0x202] == 'H' && bytes[0x203] == 'd' && bytes[0x204] == 'r' && bytes[0x205] == 'S';
    }

    /** The release ("6.1.0-50-amd64") from the bzImage setup header's kernel_version string. */
    static Optional<String> releaseInBzImage(byte[] bytes) {
        if (!isBzImage(bytes)) {
            return Optional.empty();
        }
        int pointer = Short.toUnsignedInt(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(0x20e));
        int at = pointer + 0x200;
        if (pointer == 0 || at >= bytes.length) {
            return Optional.empty();
        }
        int end = at;
        while (end < bytes.length && bytes[end] != 0 && bytes[end] != ' ' && end - at < 128) {
            end++;
        }
        String release = new String(bytes, at, end - at, StandardCharsets.US_ASCII);
        return release.isEmpty() ? Optional.empty() : Optional.of(release);
    }

    /** The release from the "Linux version X ..." banner inside an uncompressed kernel. */
    static Optional<String> releaseInElf(byte[] bytes) {
        byte[] banner = "Linux version ".getBytes(StandardCharsets.US_ASCII);
        for (int at = indexOf(bytes, banner, 0); at >= 0; at = indexOf(bytes, banner, at + 1)) {
            int start = at + banner.length;
            int end = start;
            while (end < bytes.length && bytes[end] > ' ' && bytes[end] < 127 && end - start < 128) {
                end++;
            }
            // the banner format string ("Linux version %s") also occurs; a release starts with a digit
            if (end > start && Character.isDigit(bytes[start])) {
                return Optional.of(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
            }
        }
        return Optional.empty();
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
