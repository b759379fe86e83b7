package org.warplab.toyscheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.config.DeviceConfig;
import org.warplab.config.GeneratedFile;
import org.warplab.config.SchemeFiles;
import org.warplab.config.StateFiles;
import org.warplab.model.Lab;
import org.warplab.model.Router;
import org.warplab.model.Vm;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.Route;
import org.warplab.testing.Samples;

/**
 * A fourth scheme written entirely in this package proves the config plug-in point: it adds a
 * file to every router, a kernel setting and an encapsulation overhead to every VM, and nothing
 * else of the generated tree changes. No class outside this package knows it exists.
 */
class ToySchemeTest {

    /** The toy: the no-scheme network, plus a beacon file per router and an 8-byte shim on every VM's link. */
    static final class BeaconFiles implements SchemeFiles {
        static final int SHIM_BYTES = 8;
        private final MobilityScheme network;

        BeaconFiles(Lab lab) {
            this.network = MobilityScheme.of(lab);
        }

        @Override
        public MobilityScheme scheme() {
            return network;
        }

        @Override
        public void router(Router router, LabState state, DeviceConfig device, List<Route> routes, List<ControlStep> steps) {
            device.add("beacon/beacon.conf", "# beacon of " + router.id() + " in state " + state.name() + ", " + routes.size() + " routes\n",
                    "the toy scheme's beacon", "beacond -c beacon/beacon.conf");
        }

        @Override
        public void vmSettings(Vm vm, DeviceConfig device) {
            device.sysctl().set("net.ipv4.conf.all.arp_announce", "2");
        }

        @Override
        public int vmMtuOverhead() {
            return SHIM_BYTES;
        }
    }

    private static Map<String, String> byPath(StateFiles state) {
        Map<String, String> files = new LinkedHashMap<>();
        for (GeneratedFile f : state.files()) {
            files.put(f.device() + "/" + f.relativePath(), f.content());
        }
        return files;
    }

    @Test
    void aSchemeFromAnotherPackageAddsItsFilesAndChangesNothingElse() {
        Lab lab = Samples.lab("baseline-no-scheme");
        List<StateFiles> plain = ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS);
        List<StateFiles> toy = ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS, new BeaconFiles(lab));
        assertEquals(plain.size(), toy.size(), "the same states");
        for (int i = 0; i < plain.size(); i++) {
            Map<String, String> before = byPath(plain.get(i));
            Map<String, String> after = byPath(toy.get(i));
            for (Router router : lab.routers()) {
                String beacon = after.remove(router.id() + "/beacon/beacon.conf");
                assertTrue(beacon != null && beacon.startsWith("# beacon of " + router.id() + " in state " + plain.get(i).state()), router.id());
                assertTrue(after.get(router.id() + "/README.md").contains("`beacond -c beacon/beacon.conf`"), "its apply step is listed");
            }
            for (Vm vm : lab.vms()) {
                String sysctl = after.remove(vm.id() + "/sysctl.conf");
                assertTrue(sysctl.contains("net.ipv4.conf.all.arp_announce = 2") || sysctl.contains("net.ipv4.conf.all.arp_announce=2"), sysctl);
                String ip = after.remove(vm.id() + "/ip.batch");
                String mtu = before.remove(vm.id() + "/ip.batch").replaceFirst("(?s).* mtu (\\d+) .*", "$1");
                assertTrue(ip.contains(" mtu " + (Integer.parseInt(mtu) - BeaconFiles.SHIM_BYTES) + " "), ip);
                before.remove(vm.id() + "/sysctl.conf");
            }
            lab.routers().forEach(r -> {
                before.remove(r.id() + "/README.md");
                after.remove(r.id() + "/README.md");
            });
            assertEquals(before, after, "every other file is the plain one, byte for byte");
        }
    }
}
