package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Vm;
import org.warplab.testing.Samples;

/**
 * What both VM moves (namespace and QEMU) take from the lab without root: the management link a
 * migration's memory crosses and the rate it may use there, and the address the switchers name.
 */
class VmMoveTest {

    private static final Lab PAGING = Samples.lab("paging-paper");

    private static Migration withCap(Migration m, long capBps) {
        return new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(), capBps, m.maxRounds());
    }

    @Test
    void theMemoryCrossesTheManagementLinkAtItsRateInBytes() {
        Migration migration = PAGING.migrations().get(0);
        VmMove.ManagementPath path = VmMove.ManagementPath.of(PAGING, migration, "PDC");
        assertEquals("M1", path.link().id());
        assertEquals(10_000_000_000L / 8, path.bytesPerSecond(), "10 Gbit/s is 1.25 GB/s");
    }

    @Test
    void aMigrationsCapLimitsTheRateButNeverRaisesIt() {
        Migration migration = PAGING.migrations().get(0);
        assertEquals(100_000_000L / 8, VmMove.ManagementPath.of(PAGING, withCap(migration, 100_000_000L), "PDC").bytesPerSecond());
        assertEquals(10_000_000_000L / 8, VmMove.ManagementPath.of(PAGING, withCap(migration, 40_000_000_000L), "PDC").bytesPerSecond(),
                "a cap above the link's rate leaves the link's rate");
    }

    @Test
    void withoutAManagementLinkTheMoveSaysWhichOneIsMissing() {
        Lab cut = PAGING.withLinks(PAGING.links().stream().filter(l -> !l.id().equals("M1")).toList());
        Migration migration = cut.migrations().get(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VmMove.ManagementPath.of(cut, migration, "PDC"));
        assertEquals("no management link between PDC and ADC for " + migration.id(), e.getMessage());
    }

    @Test
    void theSwitchersNameTheVmByItsIpv4Address() {
        Vm vm = PAGING.node("vm1", Vm.class).orElseThrow();
        assertEquals("172.16.10.2", VmMove.switchedAddress(vm));
        assertEquals(vm.address(IpFamily.IPV4).map(IpAddress::toString).orElseThrow(), VmMove.switchedAddress(vm));
    }
}
