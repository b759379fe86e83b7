package org.warplab.live.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.io.LabFiles;

/**
 * A bootable guest as {@code warplab guest build} leaves it in its cache directory: the kernel
 * QEMU boots (and how), the initramfs, and what the build verified. Described by {@code guest.json}.
 *
 * @param kernelRelease  the kernel's release string, e.g. 6.1.0-50-amd64
 * @param kernelOrigin   where it came from: the Debian package name or the user's file
 * @param agentSha256    hash of the guest agent's C source the initramfs was built from
 * @param verifiedBootNs host time from QEMU's start to the guest's ready line in the verifying boot
 * @param verifiedEchoNs round trip of the verifying UDP echo
 * @param accelerator    the accelerator of the verifying boot
 */
public record GuestImage(String kernelRelease, String kernelOrigin, String kernelFile, KernelImage.BootMethod bootMethod,
                         String initramfsFile, List<String> modules, String agentSha256, long verifiedBootNs, long verifiedEchoNs,
                         Accelerator accelerator, String kernelNote) {

    public static final String MANIFEST = "guest.json";
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "warplab", "guest");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GuestImage {
        modules = List.copyOf(modules);
    }

    /** The kernel file, resolved against the cache directory it was built in. */
    public Path kernel(Path cacheDir) {
        return cacheDir.resolve(kernelFile);
    }

    public Path initramfs(Path cacheDir) {
        return cacheDir.resolve(initramfsFile);
    }

    public void save(Path cacheDir) throws IOException {
        LabFiles.writeAtomically(cacheDir.resolve(MANIFEST), JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
    }

    /** The image described in {@code cacheDir}, if its manifest is readable and its files are there. */
    public static Optional<GuestImage> load(Path cacheDir) {
        Path manifest = cacheDir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            GuestImage image = JSON.readValue(manifest.toFile(), GuestImage.class);
            if (Files.isRegularFile(image.kernel(cacheDir)) && Files.isRegularFile(image.initramfs(cacheDir))) {
                return Optional.of(image);
            }
        } catch (IOException e) {
            // a torn or older manifest: the image is rebuilt
        }
        return Optional.empty();
    }
}
