package org.warplab.live.qemu;

import org.warplab.model.Units;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.warplab.io.LabFiles;
import org.warplab.live.CommandRunner;
import org.warplab.live.HostTools;
import org.warplab.live.LiveState;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * Makes the small bootable guest WarpLab migrates: the Debian kernel package fetched with
 * {@code apt-get download} and unpacked with {@code dpkg-deb -x} (never installed), its kernel
 * extracted to an uncompressed vmlinux for PVH boot, the virtio-net modules of exactly that kernel,
 * busybox-static, an init script and the guest agent compiled statically from the C source shipped
 * with WarpLab, packed into a gzip'd cpio initramfs. Then it boots the guest under QEMU with a
 * user-mode network and checks that the agent echoes a UDP datagram. The result lives in a cache
 * directory and is reused until the inputs change or a rebuild is forced.
 */
public final class GuestBuilder {

    /** The Debian meta package whose dependency names the current kernel package. */
    static final String KERNEL_META_PACKAGE = "linux-image-amd64";
    static final String AGENT_RESOURCE = "guest-agent.c";
    static final List<String> STATIC_LIBC = List.of("/usr/lib/x86_64-linux-gnu/libc.a", "/usr/lib64/libc.a", "/usr/lib/libc.a");
    static final int GUEST_MEMORY_MIB = 128;

    /** What to build where. {@code kernel}: a user's own kernel; {@code modules}: its module tree. */
    public record Options(Path cacheDir, Optional<Path> kernel, Optional<Path> modules, boolean force) { }

    /** The image, whether it was reused from the cache, and the accelerator choice's reason. */
    public record Outcome(GuestImage image, Path cacheDir, boolean reused, String acceleratorReason) { }

    private final CommandRunner runner;
    private final HostTools tools;
    private final Optional<LiveState> state;

    public GuestBuilder(CommandRunner runner, HostTools tools, Optional<LiveState> state) {
        this.runner = runner;
        this.tools = tools;
        this.state = state;
    }

    /** Every missing tool, then one "install with: apt-get install ..." line; empty when the build can run. */
    public List<String> problems(Options options) {
        List<String> problems = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        List<String[]> needed = new ArrayList<>(List.of(
                new String[] {"qemu-system-x86_64", "qemu-system-x86", "booting the guest"},
                new String[] {"gcc", "gcc", "compiling the guest agent"},
                new String[] {"busybox", "busybox-static", "the guest's shell and tools"}));
        if (options.kernel().isEmpty()) {
            needed.add(new String[] {"apt-get", "apt", "fetching the Debian kernel package"});
            needed.add(new String[] {"apt-cache", "apt", "finding the current Debian kernel package"});
            needed.add(new String[] {"dpkg-deb", "dpkg", "unpacking the kernel package"});
            needed.add(new String[] {"xz", "xz-utils", "decompressing the Debian kernel for the fast PVH boot"});
        }
        for (String[] need : needed) {
            if (tools.find(need[0]).isEmpty()) {
                problems.add(need[0] + " is missing (" + need[2] + ")");
                packages.add(need[1]);
            }
        }
        tools.find("busybox").ifPresent(busybox -> {
            try {
                if (!Elf.isStaticExecutable(Files.readAllBytes(busybox))) {
                    problems.add(busybox + " is dynamically linked, but the guest has no libraries: it needs the static build");
                    packages.add("busybox-static");
                }
            } catch (IOException e) {
                problems.add("cannot read " + busybox + ": " + e.getMessage());
            }
        });
        if (tools.find("gcc").isPresent() && STATIC_LIBC.stream().noneMatch(p -> Files.isRegularFile(Path.of(p)))) {
            problems.add("the static C library (libc.a) is missing (linking the guest agent statically)");
            packages.add("libc6-dev");
        }
        options.kernel().ifPresent(k -> {
            if (!Files.isRegularFile(k)) {
                problems.add("--kernel " + k + ": no such file");
            }
        });
        options.modules().ifPresent(m -> {
            if (!Files.isDirectory(m)) {
                problems.add("--modules " + m + ": no such directory (give the kernel's module tree, e.g. /lib/modules/RELEASE)");
            }
        });
        if (!packages.isEmpty()) {
            problems.add("install with: apt-get install " + String.join(" ", packages));
        }
        return problems;
    }

    /** Builds (or reuses) the guest and verifies it boots and echoes. */
    public Outcome build(Options options, Consumer<String> progress) throws GuestBuildException {
        Path cache = options.cacheDir().toAbsolutePath();
        String agentSource = agentSource();
        String agentHash = sha256(agentSource.getBytes(StandardCharsets.UTF_8));
        if (!options.force()) {
            Optional<GuestImage> cached = GuestImage.load(cache);
            if (cached.isPresent() && cached.get().agentSha256().equals(agentHash) && sameKernelRequest(cached.get(), options)) {
                return new Outcome(cached.get(), cache, true, "as verified when the image was built");
            }
        }
        try {
            Files.createDirectories(cache);
            Path work = cache.resolve("work");
            deleteTree(work);
            Files.createDirectories(work);
            try {
                return buildIn(cache, work, options, agentSource, agentHash, progress);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new GuestBuildException("building the guest in " + cache + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean sameKernelRequest(GuestImage image, Options options) {
        if (options.kernel().isPresent()) {
            return image.kernelOrigin().equals(options.kernel().get().toAbsolutePath().toString());
        }
        return image.kernelOrigin().startsWith("linux-image-");
    }

    private Outcome buildIn(Path cache, Path work, Options options, String agentSource, String agentHash, Consumer<String> progress)
            throws IOException, GuestBuildException {
        Path kernelFile;
        Optional<Path> moduleTree;
        String origin;
        Optional<String> packageRelease = Optional.empty();
        if (options.kernel().isPresent()) {
            kernelFile = options.kernel().get().toAbsolutePath();
            origin = kernelFile.toString();
            moduleTree = options.modules();
        } else {
            String kernelPackage = currentKernelPackage();
            Path deb = download(kernelPackage, cache.resolve("debs"), progress);
            progress.accept("unpacking " + deb.getFileName() + " with dpkg-deb -x (not installed)");
            Path unpacked = work.resolve("kernel-package");
            runner.check(org.warplab.live.Command.of(tools.path("dpkg-deb"), "-x", deb.toString(), unpacked.toString())
                    .withTimeout(Duration.ofMinutes(5)));
            Path modulesRoot = unpacked.resolve("lib/modules");
            String release;
            try (Stream<Path> dirs = Files.list(modulesRoot)) {
                release = dirs.map(p -> p.getFileName().toString()).findFirst()
                        .orElseThrow(() -> new GuestBuildException(deb + " holds no lib/modules/RELEASE directory"));
            }
            packageRelease = Optional.of(release);
            kernelFile = unpacked.resolve("boot/vmlinuz-" + release);
            if (!Files.isRegularFile(kernelFile)) {
                throw new GuestBuildException(deb + " holds no boot/vmlinuz-" + release);
            }
            moduleTree = Optional.of(modulesRoot.resolve(release));
            origin = kernelPackage;
        }

        progress.accept("preparing the kernel " + kernelFile.getFileName() + " for QEMU");
        KernelImage.Prepared prepared;
        try {
            prepared = new KernelImage(tools).prepare(kernelFile, work.resolve("vmlinux"));
        } catch (KernelImage.UnusableKernelException e) {
            throw new GuestBuildException(e.getMessage());
        }
        progress.accept("kernel: " + prepared.note());
        String release = packageRelease.or(prepared::release).orElse("unknown");
        if (moduleTree.isEmpty() && !release.equals("unknown") && Files.isDirectory(Path.of("/lib/modules", release))) {
            moduleTree = Optional.of(Path.of("/lib/modules", release));
        }

        List<KernelModules.Module> modules = List.of();
        if (moduleTree.isPresent()) {
            modules = new KernelModules(moduleTree.get(), tools).closure(KernelModules.VIRTIO_NET);
            progress.accept("modules of " + release + " for virtio-net, in load order: "
                    + String.join(" ", modules.stream().map(KernelModules.Module::name).toList()));
        } else {
            progress.accept("no module tree for kernel " + release + ": assuming virtio-net is built in (the test boot will tell)");
        }

        progress.accept("compiling the guest agent statically (gcc -static -O2)");
        byte[] agent = compileAgent(agentSource, work);

        Path busybox = tools.find("busybox").orElseThrow(() -> new GuestBuildException("busybox is missing; install with: apt-get install busybox-static"));
        byte[] initramfs = initramfs(Files.readAllBytes(busybox), agent, modules);

        String kernelName = prepared.method() == KernelImage.BootMethod.PVH ? "vmlinux-" + release : "vmlinuz-" + release;
        LabFiles.writeAtomically(cache.resolve(kernelName), Files.readAllBytes(prepared.file()));
        String initramfsName = "initramfs-" + release + ".cpio.gz";
        LabFiles.writeAtomically(cache.resolve(initramfsName), initramfs);
        progress.accept(String.format("initramfs %s: %.1f MiB (busybox, %d modules, guest agent, init)", initramfsName,
                initramfs.length / 1048576.0, modules.size()));

        GuestImage unverified = new GuestImage(release, origin, kernelName, prepared.method(), initramfsName,
                modules.stream().map(KernelModules.Module::name).toList(), agentHash, 0, 0, Accelerator.TCG, prepared.note());
        AcceleratorChoice choice = chooseAccelerator(cache, unverified, progress);
        progress.accept("verifying: booting the guest under QEMU (" + choice.accelerator() + ") with a user-mode network");
        BootCheck check = verifyBoot(cache, unverified, choice.accelerator(), Duration.ofSeconds(90));
        progress.accept("the guest booted in " + Units.seconds(check.bootNs(), 2) + " and echoed a UDP datagram in " + Units.ms(check.echoNs(), 2));
        GuestImage image = new GuestImage(release, origin, kernelName, prepared.method(), initramfsName, unverified.modules(), agentHash,
                check.bootNs(), check.echoNs(), choice.accelerator(), prepared.note());
        image.save(cache);
        removeStale(cache, Set.of(kernelName, initramfsName, GuestImage.MANIFEST, "debs", "work"));
        return new Outcome(image, cache, false, choice.reason());
    }

    /** The accelerator QEMU will use and why. */
    public record AcceleratorChoice(Accelerator accelerator, String reason) { }

    /**
     * KVM when {@code /dev/kvm} is usable and a test boot with it reaches the ready line; TCG otherwise.
     * (A /dev/kvm that exists but hangs every guest is seen on nested or restricted hosts.)
     */
    public AcceleratorChoice chooseAccelerator(Path cache, GuestImage image, Consumer<String> progress) {
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm)) {
            return new AcceleratorChoice(Accelerator.TCG, "TCG: this host has no /dev/kvm");
        }
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return new AcceleratorChoice(Accelerator.TCG, "TCG: /dev/kvm is not accessible to this user (add it to the kvm group)");
        }
        progress.accept("trying KVM: a test boot with /dev/kvm (at most 10 s)");
        try {
            BootCheck check = verifyBoot(cache, image, Accelerator.KVM, Duration.ofSeconds(10));
            return new AcceleratorChoice(Accelerator.KVM, "KVM: a test boot with it reached the ready line in " + Units.seconds(check.bootNs(), 2));
        } catch (GuestBuildException e) {
            String firstLine = e.getMessage().lines().findFirst().orElse("");
            return new AcceleratorChoice(Accelerator.TCG, "TCG: /dev/kvm exists but a test boot with it failed (" + firstLine + ")");
        }
    }

    /** Boot time (QEMU start to ready line) and one UDP echo's round trip. */
    public record BootCheck(long bootNs, long echoNs) { }

    /** Boots {@code image} with a user-mode network, waits for the ready line and echoes one datagram. */
    public BootCheck verifyBoot(Path cache, GuestImage image, Accelerator accelerator, Duration timeout) throws GuestBuildException {
        int port = freeUdpPort();
        QemuVm.Spec spec = new QemuVm.Spec("warplab-guest-check-" + ProcessHandle.current().pid(), cache, image, accelerator, GUEST_MEMORY_MIB,
                MacAddress.parse("52:54:00:57:4c:01"), InterfaceAddress.parse("10.0.2.15/24"), Optional.of(Ipv4Address.parse("10.0.2.2")),
                QemuVm.DEFAULT_ECHO_PORT, 0, 0, new QemuVm.UserNetwork(port), Optional.empty(), cache.resolve("run"));
        try (QemuVm vm = QemuVm.start(spec, runner, tools, state)) {
            QemuVm.ConsoleLine ready = vm.awaitReady(timeout);
            long bootNs = ready.receivedNs() - vm.startedNs();
            long echoNs = echo(port);
            return new BootCheck(bootNs, echoNs);
        } catch (QemuVm.GuestFailedException | QmpException e) {
            throw new GuestBuildException("the guest did not boot under QEMU (" + accelerator + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new GuestBuildException("the guest booted but its UDP echo failed: " + e.getMessage(), e);
        }
    }

    private static long echo(int port) throws IOException {
        byte[] payload = "warplab guest check".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(1000);
            for (int attempt = 1; attempt <= 5; attempt++) {
                long sent = System.nanoTime();
                socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[256], 256);
                try {
                    socket.receive(reply);
                    long rtt = System.nanoTime() - sent;
                    String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                    if (!text.equals("warplab guest check")) {
                        throw new IOException("the echo came back changed: '" + text + "'");
                    }
                    return rtt;
                } catch (SocketTimeoutException e) {
                    // the user-mode network may drop the very first datagram while it sets up the forward: try again
                }
            }
        }
        throw new IOException("no echo from the guest on UDP port " + port + " after 5 attempts");
    }

    private static int freeUdpPort() throws GuestBuildException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new GuestBuildException("no free UDP port on 127.0.0.1 for the test boot: " + e.getMessage(), e);
        }
    }

    /** The kernel package {@code linux-image-amd64} currently depends on, e.g. linux-image-6.1.0-50-amd64. */
    String currentKernelPackage() throws GuestBuildException {
        var result = runner.run(tools.path("apt-cache"), "depends", KERNEL_META_PACKAGE);
        if (result.ok()) {
            for (String line : result.stdout().split("\n")) {
                String trimmed = line.strip();
                if (trimmed.startsWith("Depends:")) {
                    String name = trimmed.substring("Depends:".length()).strip();
                    if (name.matches("linux-image-[0-9][A-Za-z0-9.+~-]*-amd64")) {
                        return name;
                    }
                }
            }
        }
        throw new GuestBuildException("apt-cache cannot tell which kernel package " + KERNEL_META_PACKAGE + " stands for"
                + (result.stderr().isBlank() ? "" : " (" + result.stderr().strip() + ")")
                + "; run 'apt-get update' first, or pass your own kernel with --kernel FILE");
    }

    private Path download(String kernelPackage, Path debs, Consumer<String> progress) throws IOException, GuestBuildException {
        Files.createDirectories(debs);
        Optional<Path> existing = findDeb(debs, kernelPackage);
        if (existing.isPresent()) {
            progress.accept("kernel package " + existing.get().getFileName() + " is already in the cache");
            return existing.get();
        }
        progress.accept("downloading " + kernelPackage + " with apt-get download");
        Process process = new ProcessBuilder(tools.path("apt-get"), "download", kernelPackage).directory(debs.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new GuestBuildException("apt-get download " + kernelPackage + " took more than 10 minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GuestBuildException("interrupted while downloading " + kernelPackage);
        }
        Optional<Path> fetched = findDeb(debs, kernelPackage);
        if (process.exitValue() != 0 || fetched.isEmpty()) {
            String said = new String(output, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("E:")).findFirst().orElse("exit " + process.exitValue());
            throw new GuestBuildException("apt-get download " + kernelPackage + " failed: " + said
                    + " (check the network and the apt sources, or pass your own kernel with --kernel FILE)");
        }
        return fetched.get();
    }

    private static Optional<Path> findDeb(Path debs, String kernelPackage) throws IOException {
        try (Stream<Path> files = Files.list(debs)) {
            return files.filter(f -> f.getFileName().toString().startsWith(kernelPackage + "_") && f.toString().endsWith(".deb")).findFirst();
        }
    }

    private byte[] compileAgent(String source, Path work) throws IOException, GuestBuildException {
        Path c = work.resolve("guest-agent.c");
        Path binary = work.resolve("warplab-guest-agent");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        var result = runner.run(org.warplab.live.Command.of(tools.path("gcc"), "-static", "-O2", "-Wall", "-o", binary.toString(), c.toString())
                .withTimeout(Duration.ofMinutes(2)));
        if (!result.ok()) {
            throw new GuestBuildException("gcc could not compile the guest agent statically: " + result.stderr().strip()
                    + " (the static C library comes with libc6-dev)");
        }
        byte[] bytes = Files.readAllBytes(binary);
        if (!Elf.isStaticExecutable(bytes)) {
            throw new GuestBuildException("gcc -static produced a dynamically linked guest agent; the guest has no libraries");
        }
        return bytes;
    }

    /** The guest agent's C source, shipped inside WarpLab. */
    static String agentSource() throws GuestBuildException {
        try (InputStream in = GuestBuilder.class.getResourceAsStream(AGENT_RESOURCE)) {
            if (in == null) {
                throw new GuestBuildException("the guest agent's source " + AGENT_RESOURCE + " is missing from this WarpLab build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GuestBuildException("cannot read the guest agent's source: " + e.getMessage(), e);
        }
    }

    /** The init script: busybox applets, the virtio-net modules, eth0 from the kernel command line, then the agent. */
    static String initScript() {
        return """
                #!/bin/busybox sh
                /bin/busybox mkdir -p /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp
                /bin/busybox --install -s
                mount -t proc proc /proc
                mount -t sysfs sysfs /sys
                mount -t devtmpfs devtmpfs /dev 2>/dev/null
                for module in $(cat /lib/modules/load-order); do
                  insmod "/lib/modules/$module.ko" || echo "WARPLAB-GUEST-ERROR insmod $module failed"
                done
                for word in $(cat /proc/cmdline); do
                  case "$word" in
                    warplab.ip=*) address="${word#warplab.ip=}" ;;
                    warplab.gw=*) gateway="${word#warplab.gw=}" ;;
                  esac
                done
                ip link set dev lo up
                if ! ip link set dev eth0 up; then
                  echo "WARPLAB-GUEST-ERROR no network card eth0: the kernel lacks virtio-net (or its modules were not found)"
                fi
                [ -n "$address" ] && ip addr add "$address" dev eth0
                [ -n "$gateway" ] && ip route add default via "$gateway" dev eth0
                /bin/warplab-guest-agent
                echo "WARPLAB-GUEST-ERROR the guest agent exited"
                poweroff -f
                """;
    }

    static byte[] initramfs(byte[] busybox, byte[] agent, List<KernelModules.Module> modules) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            try (Cpio cpio = new Cpio(gzip)) {
                for (String dir : List.of("bin", "dev", "proc", "sys", "tmp", "lib", "lib/modules")) {
                    cpio.directory(dir, 0755);
                }
                cpio.characterDevice("dev/console", 0600, 5, 1);
                cpio.characterDevice("dev/null", 0666, 1, 3);
                cpio.file("init", 0755, initScript().getBytes(StandardCharsets.UTF_8));
                cpio.file("bin/busybox", 0755, busybox);
                cpio.symlink("bin/sh", "busybox");
                cpio.file("bin/warplab-guest-agent", 0755, agent);
                StringBuilder order = new StringBuilder();
                for (KernelModules.Module module : modules) {
                    cpio.file("lib/modules/" + module.name() + ".ko", 0644, module.content());
                    order.append(module.name()).append('\n');
                }
                cpio.file("lib/modules/load-order", 0644, order.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void removeStale(Path cache, Set<String> keep) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && !keep.contains(name) && (name.startsWith("vmlinux-") || name.startsWith("vmlinuz-") || name.startsWith("initramfs-"))) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
