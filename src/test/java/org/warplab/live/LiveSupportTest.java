package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.SchemeKind;
import org.warplab.testing.Samples;

/** What live mode accepts, decided before anything is created. */
class LiveSupportTest {

    @Test
    void everySchemeOfTheIssueRunsLiveOnItsSampleLab() {
        assertEquals(Optional.empty(), LiveRunner.unsupported(Samples.lab("paging-paper"), SchemeKind.NETWORK_PAGING));
        assertEquals(Optional.empty(), LiveRunner.unsupported(Samples.lab("segmentation-tenants"), SchemeKind.SEGMENTATION));
        assertEquals(Optional.empty(), LiveRunner.unsupported(Samples.lab("mipv6-paper"), SchemeKind.MOBILE_IPV6));
    }

    @Test
    void aMobileNodeComingHomeIsRefusedWithTheReasonAndWhereToRunIt() {
        String why = LiveRunner.unsupported(BackAndForth.repeat(Samples.lab("mipv6-paper"), 2, 6_000_000_000L), SchemeKind.MOBILE_IPV6).orElseThrow();
        assertTrue(why.contains("migration R2") && why.contains("HOME") && why.contains("emulator") && why.contains("--repeat"), why);
    }

    @Test
    void schemesWithoutALiveImplementationNameTheEmulator() {
        String why = LiveRunner.unsupported(Samples.lab("paging-paper"), SchemeKind.L2_EXTENSION).orElseThrow();
        assertTrue(why.contains("warplab emulate"), why);
    }
}
