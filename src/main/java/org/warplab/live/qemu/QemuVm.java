package org.warplab.live.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.warplab.live.Arrivals;
import org.warplab.live.CommandRunner;
import org.warplab.live.ErrorText;
import org.warplab.live.HostTools;
import org.warplab.live.LiveState;
import org.warplab.live.ProcessEnd;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/**
 * One QEMU process running the WarpLab guest: its serial console (read line by line with host
 * receive times), its QMP connection, and its network attachment. A source VM boots the guest; a
 * destination VM ({@link Spec#incoming()} set) waits for a migration stream instead. Closing it
 * quits QEMU (forcibly if it does not listen) and removes the tap it created.
 */
public final class QemuVm implements AutoCloseable {

    /** The console line the guest agent prints once it answers UDP. */
    public static final String READY = "WARPLAB-GUEST-READY";
    public static final String GUEST_ERROR = "WARPLAB-GUEST-ERROR";
    public static final int DEFAULT_ECHO_PORT = 7007;

    /** How the guest's virtio-net card reaches a network. */
    public sealed interface Attachment permits UserNetwork, TapOnBridge { }

    /**
     * QEMU's own user-mode network (no root, no namespace): UDP to {@code 127.0.0.1:hostUdpPort}
     * on the host reaches the guest's echo port. Used to verify a freshly built guest.
     */
    public record UserNetwork(int hostUdpPort) implements Attachment { }

    /** A tap device {@code tap}, created in {@code namespace} and enslaved to {@code bridge} there. */
    public record TapOnBridge(String namespace, String bridge, String tap) implements Attachment {
        public TapOnBridge {
            if (!tap.matches("[A-Za-z0-9_.-]{1,15}")) {
                throw new IllegalArgumentException("tap name '" + tap + "' is not a valid Linux interface name (1-15 letters, digits, '-', '_', '.')");
            }
        }
    }

    /** Everything one QEMU needs. {@code incoming} ("tcp:ADDR:PORT") makes it a migration destination. */
    public record Spec(String name, Path cacheDir, GuestImage image, Accelerator accelerator, int memoryMib, MacAddress mac,
                       InterfaceAddress guestAddress, Optional<Ipv4Address> gateway, int echoPort, long dirtyMib, long dirtyPagesPerSecond,
                       Attachment attachment, Optional<String> incoming, Path runDir) {
        public Spec {
            if (!name.matches("[A-Za-z0-9_.-]{1,60}")) {
                throw new IllegalArgumentException("VM name '" + name + "' must be 1-60 letters, digits, '-', '_' or '.'");
            }
            if (memoryMib < 64) {
                throw new IllegalArgumentException("the guest needs at least 64 MiB of memory, got " + memoryMib);
            }
            if (dirtyMib < 0 || dirtyPagesPerSecond < 0 || dirtyMib >= memoryMib - 40) {
                throw new IllegalArgumentException("the dirtying workload (" + dirtyMib + " MiB at " + dirtyPagesPerSecond
                        + " pages/s) must fit in the guest's " + memoryMib + " MiB with 40 MiB to spare for the kernel");
            }
        }

        public Path qmpSocket() {
            return runDir.resolve(name + ".qmp");
        }

        public Spec asDestination(String newName, Attachment newAttachment, String incomingUri) {
            return new Spec(newName, cacheDir, image, accelerator, memoryMib, mac, guestAddress, gateway, echoPort, dirtyMib, dirtyPagesPerSecond,
                    newAttachment, Optional.of(incomingUri), runDir);
        }

        /** The kernel command line: console, quiet boot, and the guest agent's settings. */
        public String kernelCommandLine() {
            StringBuilder line = new StringBuilder("console=ttyS0 quiet panic=-1 warplab.ip=").append(guestAddress);
            gateway.ifPresent(g -> line.append(" warplab.gw=").append(g));
            line.append(" warplab.port=").append(echoPort);
            if (dirtyMib > 0 && dirtyPagesPerSecond > 0) {
                line.append(" warplab.dirty_mib=").append(dirtyMib).append(" warplab.dirty_rate=").append(dirtyPagesPerSecond);
            }
            return line.toString();
        }

        /** The full argument array (no shell): {@code ip netns exec NS} first for a tap in a namespace. */
        public List<String> argv(HostTools tools) {
            List<String> argv = new ArrayList<>();
            if (attachment instanceof TapOnBridge) {
                argv.addAll(List.of(tools.path("ip"), "netns", "exec", ((TapOnBridge) attachment).namespace()));
            }
            argv.add(tools.path("qemu-system-x86_64"));
            argv.addAll(List.of("-name", name, "-nodefaults", "-no-user-config", "-no-reboot", "-display", "none"));
            argv.addAll(accelerator.qemuOptions());
            argv.addAll(List.of("-m", Integer.toString(memoryMib), "-smp", "1"));
            argv.addAll(List.of("-serial", "stdio", "-qmp", "unix:" + qmpSocket() + ",server=on,wait=off"));
            argv.addAll(List.of("-kernel", image.kernel(cacheDir).toString(), "-initrd", image.initramfs(cacheDir).toString(),
                    "-append", kernelCommandLine()));
            if (attachment instanceof UserNetwork) {
                int port = ((UserNetwork) attachment).hostUdpPort();
                argv.addAll(List.of("-netdev", "user,id=net0,hostfwd=udp:127.0.0.1:" + port + "-:" + echoPort));
            } else {
                argv.addAll(List.of("-netdev", "tap,id=net0,ifname=" + ((TapOnBridge) attachment).tap() + ",script=no,downscript=no"));
            }
            // no option ROM: the kernel is loaded directly, and both ends of a migration must match
            argv.addAll(List.of("-device", "virtio-net-pci,netdev=net0,mac=" + mac + ",romfile="));
            incoming.ifPresent(uri -> argv.addAll(List.of("-incoming", uri)));
            return argv;
        }
    }

    /** One line of the guest's serial console and when the host read it. */
    public record ConsoleLine(long receivedNs, String text) { }

    private final Spec spec;
    private final CommandRunner runner;
    private final HostTools tools;
    private final Process process;
    private final long startedNs;
    private final Arrivals<ConsoleLine> console;
    private final ErrorText errors;
    private QmpClient qmp;

    private QemuVm(Spec spec, CommandRunner runner, HostTools tools, Process process, long startedNs) {
        this.spec = spec;
        this.runner = runner;
        this.tools = tools;
        this.process = process;
        this.startedNs = startedNs;
        console = Arrivals.readLines(process.getInputStream(), "qemu-console-" + spec.name(),
                line -> new ConsoleLine(System.nanoTime(), line.replace("\r", "")));
        errors = ErrorText.read(process.getErrorStream(), 8000, "qemu-stderr-" + spec.name());
    }

    /**
     * Creates the tap (for a bridge attachment), starts QEMU, registers it in {@code state} (when
     * given) and connects to its QMP socket. On any failure everything started so far is undone.
     */
    public static QemuVm start(Spec spec, CommandRunner runner, HostTools tools, Optional<LiveState> state) throws IOException, QmpException {
        Files.createDirectories(spec.runDir());
        Files.deleteIfExists(spec.qmpSocket());
        if (spec.attachment() instanceof TapOnBridge) {
            TapOnBridge tap = (TapOnBridge) spec.attachment();
            String ip = tools.path("ip");
            runner.check(ip, "-n", tap.namespace(), "tuntap", "add", "dev", tap.tap(), "mode", "tap");
            try {
                runner.check(ip, "-n", tap.namespace(), "link", "set", "dev", tap.tap(), "master", tap.bridge());
                runner.check(ip, "-n", tap.namespace(), "link", "set", "dev", tap.tap(), "up");
            } catch (RuntimeException e) {
                runner.run(ip, "-n", tap.namespace(), "link", "delete", "dev", tap.tap());
                throw e;
            }
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(spec.argv(tools)).start();
        } catch (IOException e) {
            removeTap(spec, runner, tools);
            throw new IOException("cannot start QEMU (" + tools.path("qemu-system-x86_64") + "): " + e.getMessage(), e);
        }
        QemuVm vm = new QemuVm(spec, runner, tools, process, started);
        try {
            state.ifPresent(s -> s.addProcess(process.toHandle(), "qemu " + spec.name()
                    + (spec.attachment() instanceof TapOnBridge ? " in " + ((TapOnBridge) spec.attachment()).namespace() : "")));
            vm.qmp = QmpClient.connect(spec.name(), spec.qmpSocket(), Duration.ofSeconds(15));
        } catch (QmpException | RuntimeException e) {
            String why = vm.diagnostics();
            vm.close();
            if (e instanceof QmpException) {
                throw new QmpException(e.getMessage() + why, e);
            }
            throw e;
        }
        return vm;
    }

    public Spec spec() {
        return spec;
    }

    public QmpClient qmp() {
        return qmp;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Host {@link System#nanoTime()} when QEMU was started. */
    public long startedNs() {
        return startedNs;
    }

    public List<ConsoleLine> console() {
        return console.all();
    }

    /** What QEMU wrote on its standard error. */
    public String stderr() {
        return errors.toString();
    }

    /** Waits for the guest's ready line; fails with the guest's or QEMU's own words if it dies, errs or times out. */
    public ConsoleLine awaitReady(Duration timeout) throws GuestFailedException {
        return awaitConsole(line -> line.text().contains(READY), timeout, "ready line (" + READY + ")");
    }

    public ConsoleLine awaitConsole(Predicate<ConsoleLine> wanted, Duration timeout, String what) throws GuestFailedException {
        return console.await(wanted, timeout, new Arrivals.Watch<ConsoleLine, GuestFailedException>() {
            @Override
            public void check(ConsoleLine line) throws GuestFailedException {
                if (line.text().contains(GUEST_ERROR)) {
                    throw new GuestFailedException("guest " + spec.name() + ": " + line.text().strip() + diagnostics());
                }
            }

            @Override
            public boolean gone() {
                return !process.isAlive();
            }

            @Override
            public GuestFailedException givingUp(boolean timedOut) {
                return new GuestFailedException("guest " + spec.name() + " gave no " + what
                        + (process.isAlive() ? " within " + timeout.toMillis() + " ms" : "; QEMU exited with code " + exitCode()) + diagnostics());
            }

            @Override
            public GuestFailedException interrupted() {
                return new GuestFailedException("interrupted while waiting for guest " + spec.name());
            }
        });
    }

    private String exitCode() {
        try {
            return Integer.toString(process.exitValue());
        } catch (IllegalThreadStateException e) {
            return "(still running)";
        }
    }

    /** QEMU's error output and the console's last lines, to append to a failure message. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        String err = stderr().strip();
        if (!err.isEmpty()) {
            out.append("\n  QEMU said: ").append(err.replace("\n", "\n    "));
        }
        List<ConsoleLine> lines = console();
        if (!lines.isEmpty()) {
            out.append("\n  last console lines:");
            lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.append("\n    ").append(l.text()));
        }
        return out.toString();
    }

    /** Quits QEMU (QMP {@code quit}, then a kill if it does not end within 3 s) and removes its tap. */
    @Override
    public void close() {
        if (qmp != null && qmp.isOpen() && process.isAlive()) {
            try {
                qmp.execute("quit", null, Duration.ofSeconds(2));
            } catch (QmpException e) {
                // QEMU closes the connection as it quits, or is already gone: the wait below decides
            }
        }
        if (qmp != null) {
            qmp.close();
        }
        ProcessEnd.within(process, Duration.ofSeconds(3));
        removeTap(spec, runner, tools);
        try {
            Files.deleteIfExists(spec.qmpSocket());
        } catch (IOException e) {
            // a socket file left in the run directory harms nothing; the next start deletes it first
        }
    }

    private static void removeTap(Spec spec, CommandRunner runner, HostTools tools) {
        if (spec.attachment() instanceof TapOnBridge) {
            TapOnBridge tap = (TapOnBridge) spec.attachment();
            // the namespace may already be gone, taking the tap with it: then there is nothing to do
            runner.run(tools.path("ip"), "-n", tap.namespace(), "link", "delete", "dev", tap.tap());
        }
    }

    /** The guest did not boot, printed an error, or QEMU exited; the message carries QEMU's and the console's words. */
    public static final class GuestFailedException extends Exception {
        public GuestFailedException(String message) {
            super(message);
        }
    }
}
