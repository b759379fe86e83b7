package org.warplab.live.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.live.HostTools;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.Ipv4Address;
import org.warplab.model.MacAddress;

/** The guest build's pure parts: cpio newc, module dependencies, kernel extraction, QEMU's argument array. */
class GuestPartsTest {

    @TempDir
    Path dir;

    private final HostTools noTools = new HostTools(tool -> Optional.empty());

    /** Reads a newc archive back: name -> (mode, content). */
    private static Map<String, Object[]> readCpio(byte[] archive) {
        Map<String, Object[]> entries = new LinkedHashMap<>();
        int at = 0;
        while (true) {
            String header = new String(archive, at, 110, StandardCharsets.US_ASCII);
            assertEquals("070701", header.substring(0, 6), "newc magic at " + at);
            int mode = Integer.parseInt(header.substring(14, 22), 16);
            int size = Integer.parseInt(header.substring(54, 62), 16);
            int rdevMajor = Integer.parseInt(header.substring(78, 86), 16);
            int nameSize = Integer.parseInt(header.substring(94, 102), 16);
            String name = new String(archive, at + 110, nameSize - 1, StandardCharsets.UTF_8);
            at = align4(at + 110 + nameSize);
            byte[] content = java.util.Arrays.copyOfRange(archive, at, at + size);
            at = align4(at + size);
            if (name.equals("TRAILER!!!")) {
                assertEquals(archive.length, at, "nothing after the trailer");
                return entries;
            }
            entries.put(name, new Object[] {mode, content, rdevMajor});
        }
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void cpioNewcHoldsFilesDirectoriesLinksAndDeviceNodes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Cpio cpio = new Cpio(out)) {
            cpio.directory("bin", 0755);
            cpio.file("bin/hello", 0755, "hi!".getBytes(StandardCharsets.US_ASCII));
            cpio.symlink("bin/sh", "busybox");
            cpio.characterDevice("dev/console", 0600, 5, 1);
            assertThrows(IllegalArgumentException.class, () -> cpio.file("bin/hello", 0644, new byte[0]), "duplicate names are refused");
            assertThrows(IllegalArgumentException.class, () -> cpio.file("../etc/passwd", 0644, new byte[0]));
        }
        Map<String, Object[]> entries = readCpio(out.toByteArray());
        assertEquals(List.of("bin", "bin/hello", "bin/sh", "dev/console"), new ArrayList<>(entries.keySet()));
        assertEquals(0040755, entries.get("bin")[0]);
        assertEquals(0100755, entries.get("bin/hello")[0]);
        assertEquals("hi!", new String((byte[]) entries.get("bin/hello")[1], StandardCharsets.US_ASCII));
        assertEquals(0120777, entries.get("bin/sh")[0]);
        assertEquals("busybox", new String((byte[]) entries.get("bin/sh")[1], StandardCharsets.US_ASCII));
        assertEquals(0020600, entries.get("dev/console")[0]);
        assertEquals(5, entries.get("dev/console")[2]);
    }

    @Test
    void theInitramfsHasInitBusyboxAgentAndModulesInLoadOrder() throws IOException {
        byte[] gz = GuestBuilder.initramfs("BUSYBOX".getBytes(StandardCharsets.US_ASCII), "AGENT".getBytes(StandardCharsets.US_ASCII),
                List.of(new KernelModules.Module("virtio", new byte[] {1}), new KernelModules.Module("virtio_net", new byte[] {2})));
        Map<String, Object[]> entries = readCpio(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        assertTrue(entries.keySet().containsAll(List.of("init", "bin/busybox", "bin/warplab-guest-agent", "dev/console",
                "lib/modules/virtio.ko", "lib/modules/virtio_net.ko", "lib/modules/load-order")), entries.keySet().toString());
        assertEquals("virtio\nvirtio_net\n", new String((byte[]) entries.get("lib/modules/load-order")[1], StandardCharsets.US_ASCII));
        String init = new String((byte[]) entries.get("init")[1], StandardCharsets.UTF_8);
        assertTrue(init.startsWith("#!/bin/busybox sh\n") && init.contains("insmod") && init.contains("/bin/warplab-guest-agent"));
    }

    private static byte[] module(String depends) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 0, 0});
        out.writeBytes(("\0license=GPL\0depends=" + depends + "\0retpoline=Y\0name=x\0").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void moduleDependenciesComeFromModinfoAndLoadFirst() throws IOException {
        Path tree = dir.resolve("6.1.0-test");
        Path net = Files.createDirectories(tree.resolve("kernel/drivers/net"));
        Path virtio = Files.createDirectories(tree.resolve("kernel/drivers/virtio"));
        Files.write(net.resolve("virtio_net.ko"), module("virtio_ring,virtio,net_failover"));
        Files.write(net.resolve("net_failover.ko"), module("failover"));
        Files.write(net.resolve("failover.ko"), module(""));
        Files.write(virtio.resolve("virtio.ko"), module(""));
        Files.write(virtio.resolve("virtio_ring.ko"), module(""));
        Files.write(virtio.resolve("virtio_pci.ko"), module("virtio_ring,virtio"));
        Files.writeString(tree.resolve("modules.builtin"), "kernel/drivers/virtio/virtio_ring.ko\n");
        assertEquals(List.of("virtio_ring", "virtio", "net_failover"), KernelModules.dependsOf(module("virtio_ring,virtio,net_failover")));

        List<String> order = new KernelModules(tree, noTools).closure(KernelModules.VIRTIO_NET).stream().map(KernelModules.Module::name).toList();
        // virtio_ring is built in: not loaded; every module comes after what it depends on
        assertEquals(List.of("virtio", "virtio_pci", "failover", "net_failover", "virtio_net"), order);

        Files.delete(net.resolve("failover.ko"));
        IOException missing = assertThrows(IOException.class, () -> new KernelModules(tree, noTools).closure(KernelModules.VIRTIO_NET));
        assertTrue(missing.getMessage().contains("failover"), missing.getMessage());
    }

    /** A minimal ELF64 with one PT_NOTE segment holding the Xen PVH entry note (or another note). */
    private static byte[] elf(boolean pvh) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(0x20, 64); // program headers right after the header
        b.putShort(0x36, (short) 56);
        b.putShort(0x38, (short) 1);
        b.putInt(64, 4); // PT_NOTE
        b.putLong(64 + 0x08, 128); // offset
        b.putLong(64 + 0x20, 24); // size
        b.putInt(128, 4); // namesz "Xen\0"
        b.putInt(132, 4); // descsz
        b.putInt(136, pvh ? 18 : 6); // XEN_ELFNOTE_PHYS32_ENTRY
        b.put(140, (byte) 'X').put(141, (byte) 'e').put(142, (byte) 'n');
        byte[] banner = "Linux version 6.1.0-99-test (gcc)".getBytes(StandardCharsets.US_ASCII);
        b.position(160);
        b.put(banner);
        return b.array();
    }

    /** A bzImage-shaped file: setup header with "HdrS" and a version string, then a gzip payload. */
    private static byte[] bzImage(byte[] payload) throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(payload);
        }
        ByteBuffer b = ByteBuffer.allocate(0x1000 + gz.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0x202, (byte) 'H').put(0x203, (byte) 'd').put(0x204, (byte) 'r').put(0x205, (byte) 'S');
        b.putShort(0x20e, (short) 0x100); // kernel_version at 0x100 + 0x200
        b.position(0x300);
        b.put("6.1.0-99-test (debian-kernel@lists.debian.org)\0".getBytes(StandardCharsets.US_ASCII));
        b.position(0x1000);
        b.put(gz.toByteArray());
        return b.array();
    }

    @Test
    void theUncompressedKernelIsFoundInsideABzImageAndBootsThroughPvh() throws Exception {
        Path kernel = dir.resolve("vmlinuz");
        Files.write(kernel, bzImage(elf(true)));
        KernelImage.Prepared prepared = new KernelImage(noTools).prepare(kernel, dir.resolve("vmlinux"));
        assertEquals(KernelImage.BootMethod.PVH, prepared.method());
        assertEquals(dir.resolve("vmlinux"), prepared.file());
        assertEquals(Optional.of("6.1.0-99-test"), prepared.release());
        assertTrue(Elf.hasPvhEntryNote(Files.readAllBytes(prepared.file())));
    }

    @Test
    void aKernelWithoutPvhIsBootedAsABzImageAndAnElfWithoutPvhIsRefused() throws Exception {
        Path kernel = dir.resolve("vmlinuz");
        Files.write(kernel, bzImage(elf(false)));
        KernelImage.Prepared prepared = new KernelImage(noTools).prepare(kernel, dir.resolve("vmlinux"));
        assertEquals(KernelImage.BootMethod.BZIMAGE, prepared.method());
        assertEquals(kernel, prepared.file());
        assertTrue(prepared.note().contains("CONFIG_PVH"), prepared.note());

        Path elf = dir.resolve("vmlinux-nopvh");
        Files.write(elf, elf(false));
        var refused = assertThrows(KernelImage.UnusableKernelException.class, () -> new KernelImage(noTools).prepare(elf, dir.resolve("x")));
        assertTrue(refused.getMessage().contains("PVH"), refused.getMessage());

        Path junk = dir.resolve("junk");
        Files.write(junk, new byte[4096]);
        assertThrows(KernelImage.UnusableKernelException.class, () -> new KernelImage(noTools).prepare(junk, dir.resolve("y")));
    }

    @Test
    void staticAndDynamicExecutablesAreToldApart() {
        byte[] staticElf = elf(true);
        assertTrue(Elf.isStaticExecutable(staticElf));
        ByteBuffer dynamic = ByteBuffer.wrap(elf(true).clone()).order(ByteOrder.LITTLE_ENDIAN);
        dynamic.putInt(64, 3); // PT_INTERP
        assertFalse(Elf.isStaticExecutable(dynamic.array()));
    }

    @Test
    void qemuGetsAnArgumentArrayWithTapMacKernelLineAndIncoming() {
        GuestImage image = new GuestImage("6.1.0-99-test", "linux-image-6.1.0-99-test", "vmlinux-6.1.0-99-test", KernelImage.BootMethod.PVH,
                "initramfs-6.1.0-99-test.cpio.gz", List.of("virtio_net"), "abc", 1, 1, Accelerator.TCG, "");
        HostTools tools = new HostTools(tool -> Optional.of(Path.of("/usr/bin", tool)));
        QemuVm.Spec source = new QemuVm.Spec("vm1", dir, image, Accelerator.TCG, 128, MacAddress.parse("52:54:00:20:00:02"),
                InterfaceAddress.parse("10.20.0.2/24"), Optional.of(Ipv4Address.parse("10.20.0.1")), 7007, 32, 5000,
                new QemuVm.TapOnBridge("wl-ab12-DC1", "br0", "vm0"), Optional.empty(), dir.resolve("run"));
        List<String> argv = source.argv(tools);
        assertEquals(List.of("/usr/bin/ip", "netns", "exec", "wl-ab12-DC1", "/usr/bin/qemu-system-x86_64"), argv.subList(0, 5));
        assertTrue(String.join(" ", argv).contains("-netdev tap,id=net0,ifname=vm0,script=no,downscript=no"));
        assertTrue(String.join(" ", argv).contains("-device virtio-net-pci,netdev=net0,mac=52:54:00:20:00:02,romfile="));
        assertTrue(String.join(" ", argv).contains("-machine pc,accel=tcg"));
        assertEquals("console=ttyS0 quiet panic=-1 warplab.ip=10.20.0.2/24 warplab.gw=10.20.0.1 warplab.port=7007 warplab.dirty_mib=32 warplab.dirty_rate=5000",
                argv.get(argv.indexOf("-append") + 1));
        assertFalse(argv.contains("-incoming"));

        QemuVm.Spec destination = source.asDestination("vm1-dst", new QemuVm.TapOnBridge("wl-ab12-DC2", "br0", "vm0"), "tcp:10.255.0.2:4444");
        List<String> dst = destination.argv(tools);
        assertEquals("wl-ab12-DC2", dst.get(3));
        assertEquals("tcp:10.255.0.2:4444", dst.get(dst.indexOf("-incoming") + 1));
        assertEquals(argv.get(argv.indexOf("-device") + 1), dst.get(dst.indexOf("-device") + 1), "the same card and MAC on both ends");

        assertThrows(IllegalArgumentException.class, () -> new QemuVm.TapOnBridge("ns", "br0", "a-tap-name-too-long"));
        assertThrows(IllegalArgumentException.class, () -> new QemuVm.Spec("vm1", dir, image, Accelerator.TCG, 128, MacAddress.parse("52:54:00:20:00:02"),
                InterfaceAddress.parse("10.20.0.2/24"), Optional.empty(), 7007, 100, 5000, new QemuVm.UserNetwork(5000), Optional.empty(), dir),
                "a workload that does not fit the guest's memory is refused");
    }

    @Test
    void aMissingToolIsNamedWithItsDebianPackage() {
        GuestBuilder builder = new GuestBuilder(new org.warplab.live.ProcessCommandRunner(), noTools, Optional.empty());
        List<String> problems = builder.problems(new GuestBuilder.Options(dir, Optional.empty(), Optional.empty(), false));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("qemu-system-x86_64 is missing")), problems.toString());
        assertEquals("install with: apt-get install apt busybox-static dpkg gcc qemu-system-x86 xz-utils", problems.get(problems.size() - 1));
    }
}
