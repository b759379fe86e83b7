package org.warplab.cli;

import org.warplab.model.Units;
import java.util.Locale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.live.HostTools;
import org.warplab.live.LiveState;
import org.warplab.live.ProcessCommandRunner;
import org.warplab.live.qemu.GuestBuildException;
import org.warplab.live.qemu.GuestBuilder;
import org.warplab.live.qemu.GuestImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warplab guest build}: the small real Linux guest that live mode migrates under QEMU. */
@Command(name = "guest", subcommands = GuestCommand.Build.class, commandListHeading = "%nActions:%n",
        description = "Build the small QEMU guest that live mode migrates.")
final class GuestCommand extends HeadlessCommand {

    @Override
    int run() throws UsageException {
        throw new UsageException("name an action: build; see 'warplab guest --help'");
    }

    @Command(name = "build", description = {
        "Build the guest (kernel, virtio-net modules, busybox, WarpLab's agent) and check that it answers.",
        "",
        "Makes a small bootable Linux guest for live runs with --vm qemu, in a cache directory (default ~/.cache/warplab/guest): "
            + "the Debian kernel package of this system's release, fetched with 'apt-get download' and unpacked with 'dpkg-deb -x' "
            + "(not installed), its kernel extracted to an uncompressed vmlinux (QEMU boots it through its PVH entry, about twice "
            + "as fast under emulation), the virtio-net modules of exactly that kernel, busybox, and the WarpLab guest agent "
            + "compiled statically with gcc (UDP echo for the probe, an optional memory-dirtying workload). Then it boots the guest "
            + "under QEMU and checks that it echoes a UDP datagram. A second run reuses the cache.",
        "",
        "Needs the Debian packages qemu-system-x86, busybox-static, gcc, libc6-dev and, to fetch the kernel, apt, dpkg and "
            + "xz-utils. Root is not needed."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the guest is built and answers", "2:a tool is missing or the guest failed"})
    static final class Build extends HeadlessCommand {

        @Option(names = "--cache", paramLabel = "DIR", description = "Where the image lives (kernel, initramfs, guest.json, downloaded .deb).")
        Path cache = GuestImage.DEFAULT_CACHE;

        @Option(names = "--kernel", paramLabel = "FILE", description = "Use your own kernel (bzImage or a vmlinux with a PVH note) instead.")
        Path kernel;

        @Option(names = "--modules", paramLabel = "DIR", description = "That kernel's module tree (default /lib/modules/RELEASE if present; "
                + "without one, virtio-net must be built into the kernel).")
        Path modules;

        @Option(names = "--force", description = "Rebuild even if the cache is up to date.")
        boolean force;

        @Override
        int run() throws UsageException {
            if (modules != null && kernel == null) {
                throw new UsageException("--modules goes with --kernel (the Debian kernel package brings its own modules)");
            }
            GuestBuilder.Options options = new GuestBuilder.Options(cache, Optional.ofNullable(kernel), Optional.ofNullable(modules), force);
            ProcessCommandRunner runner = new ProcessCommandRunner();
            HostTools tools = HostTools.fromEnvironment();
            Optional<LiveState> state = trackedWhenRoot();
            GuestBuilder builder = new GuestBuilder(runner, tools, state);
            List<String> problems = builder.problems(options);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("warplab guest: " + p));
                return Cli.UNUSABLE;
            }
            try {
                GuestBuilder.Outcome outcome = builder.build(options, line -> {
                    out.println("  " + line);
                    out.flush();
                });
                GuestImage image = outcome.image();
                out.println((outcome.reused() ? "guest image is up to date in " : "guest image built in ") + outcome.cacheDir()
                        + (outcome.reused() ? " (--force rebuilds it)" : ""));
                out.println("  kernel      " + image.kernelRelease() + " from " + image.kernelOrigin() + ", booted " + (image.bootMethod().name().equals("PVH")
                        ? "as an uncompressed vmlinux (PVH)" : "as a bzImage"));
                out.println("  modules     " + (image.modules().isEmpty() ? "(none: virtio-net built in)" : String.join(" ", image.modules())));
                out.println("  verified    booted in " + Units.seconds(image.verifiedBootNs(), 2) + " under " + image.accelerator() + ", UDP echo "
                        + Units.ms(image.verifiedEchoNs(), 2));
                out.println("  accelerator " + outcome.acceleratorReason());
                return Cli.OK;
            } catch (GuestBuildException e) {
                err.println(name() + ": " + e.getMessage());
                return Cli.UNUSABLE;
            } finally {
                // every test boot has been quit by now: nothing is left for 'live cleanup' to find
                state.ifPresent(LiveState::clear);
            }
        }

        /** As root, the test boots' QEMU is listed in live mode's state, so 'warplab live cleanup' finds it after a kill. */
        private static Optional<LiveState> trackedWhenRoot() {
            if (!"root".equals(System.getProperty("user.name"))) {
                return Optional.empty();
            }
            try {
                Files.createDirectories(LiveState.DEFAULT_DIR);
                return Optional.of(new LiveState(LiveState.DEFAULT_DIR, "guest-build-" + ProcessHandle.current().pid()));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
    }
}
