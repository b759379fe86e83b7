package org.warplab.live.qemu;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.warplab.live.HostTools;

/**
 * The kernel modules a guest needs, taken from one kernel's module tree ({@code lib/modules/RELEASE}),
 * with their dependencies in load order. A kernel package ships no {@code modules.dep} (depmod writes
 * it at install time, and the package is not installed), so dependencies are read from each module's
 * own {@code .modinfo} section ({@code depends=a,b}). Modules the kernel has built in are skipped.
 */
public final class KernelModules {

    /** One module to load: its name and its uncompressed content (busybox insmod takes plain .ko files). */
    public record Module(String name, byte[] content) { }

    /** What the virtio-net card of a QEMU guest needs. */
    public static final List<String> VIRTIO_NET = List.of("virtio_pci", "virtio_net");

    private final Path tree;
    private final HostTools tools;
    private final Map<String, Path> files = new HashMap<>();
    private final Set<String> builtIn = new HashSet<>();

    public KernelModules(Path tree, HostTools tools) throws IOException {
        this.tree = tree;
        this.tools = tools;
        if (!Files.isDirectory(tree)) {
            throw new IOException("no module tree at " + tree);
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.filter(Files::isRegularFile).forEach(file -> moduleName(file).ifPresent(name -> files.putIfAbsent(name, file)));
        }
        Path builtins = tree.resolve("modules.builtin");
        if (Files.isRegularFile(builtins)) {
            for (String line : Files.readAllLines(builtins, StandardCharsets.UTF_8)) {
                moduleName(Path.of(line.strip())).ifPresent(builtIn::add);
            }
        }
    }

    static Optional<String> moduleName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (String suffix : List.of(".ko", ".ko.xz", ".ko.zst", ".ko.gz")) {
            if (name.endsWith(suffix)) {
                return Optional.of(normalize(name.substring(0, name.length() - suffix.length())));
            }
        }
        return Optional.empty();
    }

    private static String normalize(String name) {
        return name.replace('-', '_');
    }

    /** {@code wanted} and everything they depend on, dependencies first; built-in ones left out. */
    public List<Module> closure(List<String> wanted) throws IOException {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        Map<String, byte[]> contents = new HashMap<>();
        for (String name : wanted) {
            visit(normalize(name), order, contents, new LinkedHashSet<>());
        }
        List<Module> out = new ArrayList<>();
        for (String name : order) {
            out.add(new Module(name, contents.get(name)));
        }
        return out;
    }

    private void visit(String name, LinkedHashSet<String> order, Map<String, byte[]> contents, LinkedHashSet<String> path) throws IOException {
        if (order.contains(name) || builtIn.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IOException("kernel modules depend on each other in a circle: " + String.join(" -> ", path) + " -> " + name);
        }
        Path file = files.get(name);
        if (file == null) {
            throw new IOException("the kernel module " + name + " is neither in " + tree + " nor built into the kernel (modules.builtin)");
        }
        byte[] content = uncompressed(file);
        for (String dependency : dependsOf(content)) {
            visit(dependency, order, contents, path);
        }
        path.remove(name);
        order.add(name);
        contents.put(name, content);
    }

    /** The {@code depends=} entry of a module's .modinfo section (NUL-separated key=value strings). */
    static List<String> dependsOf(byte[] module) {
        byte[] key = "\0depends=".getBytes(StandardCharsets.US_ASCII);
        int at = KernelImage.indexOf(module, key, 0);
        if (at < 0) {
            return List.of();
        }
        int start = at + key.length;
        int end = start;
        while (end < module.length && module[end] != 0) {
            end++;
        }
        String value = new String(module, start, end - start, StandardCharsets.US_ASCII).strip();
        List<String> out = new ArrayList<>();
        for (String dependency : value.split(",")) {
            if (!dependency.isBlank()) {
                out.add(normalize(dependency.strip()));
            }
        }
        return out;
    }

    private byte[] uncompressed(Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        if (name.endsWith(".ko")) {
            return bytes;
        }
        if (name.endsWith(".ko.gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
        String tool = name.endsWith(".ko.xz") ? "xz" : "zstd";
        Path path = tools.find(tool).orElseThrow(() -> new IOException(
                "the kernel modules are compressed with " + tool + ", which is missing; install with: apt-get install " + KernelImage.packageFor(tool)));
        Process process = new ProcessBuilder(path.toString(), "-dc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(tool + " could not decompress " + file);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decompressing " + file);
        }
        return out;
    }
}
