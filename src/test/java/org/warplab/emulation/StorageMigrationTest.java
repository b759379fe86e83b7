package org.warplab.emulation;

import org.warplab.emulation.schemes.MobileIpv6EmulationTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Vm;
import org.warplab.run.MigrationMetrics;

class StorageMigrationTest {

    static Lab noSharedStorage() throws Exception {
        return EmulatorTest.lab("mipv6-no-shared-storage");
    }

    static Lab resized(Lab lab, int memoryMiB, int diskGiB) {
        Vm vm = lab.vms().get(0);
        return lab.replacingNode(new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), memoryMiB, diskGiB,
                vm.dirtyPagesPerSecond(), vm.announce(), vm.runtime()));
    }

    static long phase(MigrationMetrics m, String name) {
        return MobileIpv6EmulationTest.phase(m, name);
    }

    @Test
    void thePaperTablesPhasesAreReported() throws Exception {
        MigrationMetrics m = EmulatorTest.first(noSharedStorage());
        for (String name : List.of("save", "copy disk image", "copy memory", "restore", "IP mobility")) {
            assertTrue(phase(m, name) > 0, name + " in " + m.phases());
        }
        long stopped = phase(m, "save") + phase(m, "copy disk image") + phase(m, "copy memory") + phase(m, "restore");
        assertEquals(m.downtimeNs(), stopped + phase(m, "IP mobility") + phase(m, "tunnel: first packet"),
                "downtime: save, copies, restore, then Mobile IPv6 until the first packet arrives");
        assertTrue(phase(m, "copy disk image") > 10 * phase(m, "copy memory"), "the 4 GiB image dwarfs the 256 MiB memory");
    }

    @Test
    void theImageCopyFollowsTheDiskSizeAndTheLinkBandwidth() throws Exception {
        Lab base = noSharedStorage();
        Vm vm = base.vms().get(0);
        MigrationMetrics small = EmulatorTest.first(base);
        MigrationMetrics large = EmulatorTest.first(resized(base, vm.memoryMiB(), vm.diskGiB() * 2));
        double ratio = (double) phase(large, "copy disk image") / phase(small, "copy disk image");
        assertEquals(2.0, ratio, 0.001, "twice the disk, twice the copy");
        assertEquals(phase(small, "copy memory"), phase(large, "copy memory"));
        Link m1 = base.link("M1").orElseThrow();
        MigrationMetrics slow = EmulatorTest.first(base.replacingLink(m1.withBandwidthBps(m1.bandwidthBps() / 2)));
        assertEquals(2.0, (double) phase(slow, "copy disk image") / phase(small, "copy disk image"), 0.001, "half the bandwidth, twice the copy");
    }

    @Test
    void saveRestoreAndMemoryCopyFollowTheMemorySize() throws Exception {
        Lab base = noSharedStorage();
        Vm vm = base.vms().get(0);
        MigrationMetrics small = EmulatorTest.first(base);
        MigrationMetrics large = EmulatorTest.first(resized(base, vm.memoryMiB() * 2, vm.diskGiB()));
        for (String name : List.of("save", "restore")) {
            assertEquals(2.0, (double) phase(large, name) / phase(small, name), 0.001, name);
        }
        // a copy is its bytes over the bandwidth plus the link's one-way delay: twice the bytes, twice the first part
        long delay = base.link("M1").orElseThrow().delayNs();
        long bytesPart = phase(small, "copy memory") - delay;
        assertEquals(bytesPart, phase(large, "copy memory") - phase(small, "copy memory"), 1_000_000);
        assertEquals(phase(small, "copy disk image"), phase(large, "copy disk image"));
    }
}
