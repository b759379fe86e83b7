package org.warplab.toyscheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.Emulator;
import org.warplab.emulation.network.EmulatedNetwork;
import org.warplab.emulation.network.MigrationRun;
import org.warplab.emulation.network.SchemeBehaviour;
import org.warplab.model.Lab;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.testing.Samples;

/**
 * The toy scheme's emulator side, written entirely in this package: a behaviour that does what no
 * scheme does (nothing follows the VM) and marks each resume with a "beacon" phase and a note. Run
 * through {@link Emulator#run(Lab, Emulator.Options, SchemeBehaviour)}, the run is the no-scheme
 * baseline's plus exactly those marks. No class outside this package knows it exists.
 */
class ToyBehaviourTest {

    static final class BeaconBehaviour implements SchemeBehaviour {
        final List<Long> resumes = new ArrayList<>();

        @Override
        public String label() {
            return "toy beacon";
        }

        @Override
        public void vmResumed(EmulatedNetwork network, MigrationRun run) {
            resumes.add(run.resumedNs);
        }

        @Override
        public void addPhases(EmulatedNetwork network, MigrationRun run, List<Phase> phases, List<String> notes) {
            phases.add(new Phase("beacon", run.resumedNs, run.resumedNs));
            notes.add("beacon at " + run.resumedNs + " ns for " + run.migration.id());
        }
    }

    @Test
    void aBehaviourFromAnotherPackageRunsAndAddsOnlyItsMarks() throws Exception {
        Lab lab = Samples.lab("baseline-no-scheme");
        Emulator.Outcome plain = Emulator.run(lab, Emulator.Options.defaults(1));
        BeaconBehaviour toy = new BeaconBehaviour();
        Emulator.Outcome beacon = Emulator.run(lab, Emulator.Options.defaults(1), toy);

        List<MigrationMetrics> before = plain.result().migrations();
        List<MigrationMetrics> after = beacon.result().migrations();
        assertEquals(before.size(), after.size(), "the same migrations");
        assertEquals(before.size(), toy.resumes.size(), "the toy heard every resume");
        for (int i = 0; i < before.size(); i++) {
            MigrationMetrics a = before.get(i);
            MigrationMetrics b = after.get(i);
            assertEquals(a.downtimeNs(), b.downtimeNs(), "downtime of " + a.migration());
            assertEquals(a.clientGapNs(), b.clientGapNs(), "client gap of " + a.migration());
            assertEquals(a.probesLost(), b.probesLost(), "probes lost in " + a.migration());
            assertEquals(a.reachableAfter(), b.reachableAfter(), "reachability after " + a.migration());
            List<Phase> added = new ArrayList<>(b.phases());
            added.removeAll(a.phases());
            assertEquals(List.of(new Phase("beacon", toy.resumes.get(i), toy.resumes.get(i))), added, "only the beacon phase is added");
        }
        assertEquals(plain.trace().size(), beacon.trace().size(), "the same trace: the toy sends nothing");
        assertTrue(beacon.result().notes().stream().anyMatch(n -> n.startsWith("beacon at ")), beacon.result().notes().toString());
    }
}
