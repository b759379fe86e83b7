package org.warplab.emulation;

import org.warplab.emulation.network.EmulationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.warplab.model.DataCenter;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Migration;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;
import org.warplab.model.ValidatorSources;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunResult;

/**
 * Every warning the validator gives describes a consequence; a run must show it. One test per
 * warning, and a guard that counts the warnings in the validator's source so a new one cannot
 * come without its test here.
 */
class ValidatorWarningsTest {

    /** The validator's warnings, by the path their problems point at. Each has a test below. */
    private static final List<String> WARNED_PATHS = List.of(".gateway.mac", ".to", ".atMs", ".vm");

    private static List<Problem> warnings(Lab lab) {
        return LabValidator.validate(lab).stream().filter(p -> !p.isError()).toList();
    }

    private static RunResult run(Lab lab) throws EmulationException {
        return Emulator.run(lab, Emulator.Options.defaults(1)).result();
    }

    @Test
    void everyWarningInTheSourceHasATestHere() throws Exception {
        int calls = 0;
        for (Path source : ValidatorSources.files()) {
            String text = Files.readString(source);
            Matcher m = Pattern.compile("(?<!void )(?<![\\w.])warning\\(").matcher(text);
            while (m.find()) {
                calls++;
            }
        }
        assertEquals(WARNED_PATHS.size(), calls, "a warning was added or removed: give it a test here showing its consequence in a run");
    }

    @Test
    void differingGatewayMacsKeepTheVmOnTheOldMacUntilItsEntryFails() throws Exception {
        Lab lab = GatewayMacTest.thereAndBack(EmulatorTest.lab("paging-paper"), 3_000_000_000L, 20_000_000_000L);
        Lab differing = GatewayMacTest.withAdcGatewayMac(lab, "02:00:00:00:00:09");
        assertTrue(warnings(differing).stream().anyMatch(w -> w.path().endsWith(WARNED_PATHS.get(0))), warnings(differing).toString());
        assertTrue(warnings(lab).isEmpty(), warnings(lab).toString());
        long identicalGap = run(lab).migrations().get(1).clientGapNs();
        long differingGap = run(differing).migrations().get(1).clientGapNs();
        assertTrue(identicalGap < 100_000_000L && differingGap > 2_000_000_000L,
                "identical " + identicalGap / 1e6 + " ms, differing " + differingGap / 1e6 + " ms (GatewayMacTest has the timers)");
    }

    @Test
    void aDestinationWithoutTheVmsPrefixLeavesItUnreachable() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        DataCenter adc = lab.node("ADC", DataCenter.class).orElseThrow();
        Lab elsewhere = lab.replacingNode(new DataCenter(adc.id(), adc.name(), adc.position(), List.of(IpPrefix.parse("172.17.0.0/16")),
                List.of(org.warplab.model.Ipv4Address.parse("172.17.0.1")), adc.gatewayMac(), adc.storage(), adc.capturesAnnouncements()));
        List<Problem> warned = warnings(elsewhere);
        assertTrue(warned.stream().anyMatch(w -> w.path().endsWith(WARNED_PATHS.get(1)) && w.hint().contains("unreachable after the move")), warned.toString());
        MigrationMetrics m = run(elsewhere).migrations().get(0);
        assertFalse(m.reachableAfter(), "nothing routes 172.16.10.2 to ADC");
        assertTrue(m.caveats().stream().anyMatch(c -> c.contains("unreachable after the move")), m.caveats().toString());
        // A stretched LAN carries the address wherever the VM is: no warning, and no consequence.
        Lab stretched = elsewhere.withScheme(SchemeKind.L2_EXTENSION);
        assertTrue(warnings(stretched).stream().noneMatch(w -> w.path().endsWith(".to")), warnings(stretched).toString());
        assertTrue(run(stretched).migrations().get(0).reachableAfter());
    }

    @Test
    void twoMovesOfOneVmAtOneInstantRunOneAfterTheOther() throws Exception {
        Lab lab = EmulatorTest.lab("paging-paper");
        Migration first = lab.migrations().get(0);
        Migration second = new Migration("MIG2", first.vm(), "PDC", first.atNs(), first.mode(), first.storage(), first.downtimeLimitNs(),
                first.bandwidthCapBps(), first.maxRounds());
        Lab both = lab.withMigrations(List.of(first, second));
        assertTrue(warnings(both).stream().anyMatch(w -> w.path().endsWith(WARNED_PATHS.get(2)) && w.message().contains("starts when 'MIG1' has finished")),
                warnings(both).toString());
        Emulator.Outcome outcome = Emulator.run(both, Emulator.Options.defaults(1));
        List<org.warplab.run.Phase> secondPhases = outcome.result().migrations().get(1).phases();
        long mig1Resumed = outcome.trace().ofType(org.warplab.run.TraceEvent.VmResumed.class).get(0).timeNs();
        assertEquals(mig1Resumed, secondPhases.get(0).startNs(), "MIG2's pre-copy starts when MIG1's VM runs again");
        assertTrue(outcome.result().notes().stream().anyMatch(n -> n.startsWith("MIG2 started at ") && n.contains("previous migration finished")),
                outcome.result().notes().toString());
    }

    @Test
    void aMovedVmWithoutAProbeFlowHasNoGapToReport() throws Exception {
        Lab lab = EmulatorTest.lab("segmentation-tenants");
        Lab unprobed = lab.withTraffic(new ArrayList<>(lab.traffic().stream().filter(f -> !f.vm().equals("red1")).toList()));
        assertTrue(warnings(unprobed).stream().anyMatch(w -> w.path().endsWith(WARNED_PATHS.get(3)) && w.message().contains("no probe flow goes to 'red1'")),
                warnings(unprobed).toString());
        MigrationMetrics m = run(unprobed).migrations().get(0);
        assertFalse(m.gapMeasured());
        assertTrue(m.flows().isEmpty());
        assertTrue(m.caveats().contains("no probe flow went to red1, so nothing measured its gap, loss or latency"), m.caveats().toString());
    }
}
