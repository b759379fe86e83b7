package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
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
    void aMobileNodeGoesAwayAndComesHomeLiveButDoesNotHopBetweenForeignNetworks() {
        Lab lab = Samples.lab("mipv6-paper");
        assertEquals(Optional.empty(), LiveRunner.unsupported(BackAndForth.repeat(lab, 4, 7_000_000_000L), SchemeKind.MOBILE_IPV6),
                "registration and deregistration, back and forth");
        Migration away = lab.migrations().get(0);
        Migration onward = new Migration("MIG2", away.vm(), away.to(), away.atNs() + 5_000_000_000L, away.mode(), away.storage(),
                away.downtimeLimitNs(), away.bandwidthCapBps(), away.maxRounds());
        String why = LiveRunner.unsupported(lab.withMigrations(List.of(away, onward)), SchemeKind.MOBILE_IPV6).orElseThrow();
        assertTrue(why.contains("MIG2") && why.contains("FOREIGN -> FOREIGN") && why.contains("warplab emulate"), why);
    }

    @Test
    void schemesWithoutALiveImplementationNameTheEmulator() {
        String why = LiveRunner.unsupported(Samples.lab("paging-paper"), SchemeKind.L2_EXTENSION).orElseThrow();
        assertTrue(why.contains("warplab emulate"), why);
    }
}
