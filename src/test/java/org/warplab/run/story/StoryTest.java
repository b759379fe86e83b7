package org.warplab.run.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.Phase;
import org.warplab.testing.Samples;

/** The story of every sample lab's emulated run: the steps in the order they happened, captions carrying the run's own figures. */
class StoryTest {

    private static Emulator.Outcome run(Lab lab) throws Exception {
        return Emulator.run(lab, Emulator.Options.defaults(1));
    }

    private static Story story(Emulator.Outcome outcome) {
        return Story.of(outcome.result(), outcome.trace());
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static List<StepKind> kinds(Story story, String migration) {
        return story.steps().stream().filter(s -> s.migration().equals(migration)).map(StoryStep::kind).toList();
    }

    private static StoryStep step(Story story, String id) {
        return story.step(id).orElseThrow(() -> new AssertionError("no step " + id + " in " + story.steps().stream().map(StoryStep::id).toList()));
    }

    /** {@code expected} occurs in {@code actual} in this order (other steps may sit between them). */
    private static void assertInOrder(List<StepKind> expected, List<StepKind> actual) {
        int at = 0;
        for (StepKind kind : actual) {
            if (at < expected.size() && expected.get(at) == kind) {
                at++;
            }
        }
        assertEquals(expected.size(), at, "expected in order " + expected + ", got " + actual);
    }

    @Test
    void everySampleLabTellsItsMigrationsInTimeOrderWithStableUniqueIds() throws Exception {
        for (String name : Samples.names()) {
            Emulator.Outcome outcome = run(Samples.lab(name));
            Story story = story(outcome);
            assertFalse(story.steps().isEmpty(), name);
            Set<String> ids = new HashSet<>();
            long previous = Long.MIN_VALUE;
            String migration = "";
            for (StoryStep step : story.steps()) {
                assertTrue(ids.add(step.id()), name + ": id " + step.id() + " twice");
                assertTrue(step.id().startsWith(step.migration() + "/" + step.kind().key()), step.id());
                if (step.migration().equals(migration)) {
                    assertTrue(step.timeNs() >= previous, name + ": " + step.id() + " before the step ahead of it");
                }
                previous = step.timeNs();
                migration = step.migration();
                assertFalse(step.caption().isBlank(), step.id());
                assertTrue(step.why().endsWith("."), step.id() + ": one sentence of why: " + step.why());
                assertFalse(step.nodes().isEmpty(), step.id() + " highlights something");
            }
            for (MigrationMetrics m : outcome.result().migrations()) {
                StoryStep resumed = step(story, m.migration() + "/resumed");
                assertTrue(resumed.caption().contains(m.address()), resumed.caption());
                assertTrue(resumed.caption().contains(m.to()), resumed.caption());
            }
            // the same run gives the same story (the CLI and the run view agree)
            assertEquals(story, story(outcome));
        }
    }

    @Test
    void pagingTellsTheAnnouncementTheMessageAndTheSwitchWithTheRunsFigures() throws Exception {
        Emulator.Outcome outcome = run(Samples.lab("paging-paper"));
        Story story = story(outcome);
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertEquals(List.of(StepKind.PRE_COPY, StepKind.PAUSED, StepKind.RESUMED, StepKind.ANNOUNCED, StepKind.ANNOUNCEMENT_SEEN, StepKind.CONFIG_SENT,
                StepKind.RULE_SWITCHED, StepKind.FIRST_PROBE_NEW_PATH, StepKind.SERVICE_RESTORED), kinds(story, "MIG1"));
        long paused = outcome.trace().ofType(org.warplab.run.TraceEvent.VmPaused.class).get(0).timeNs();
        long resumed = outcome.trace().ofType(org.warplab.run.TraceEvent.VmResumed.class).get(0).timeNs();
        assertTrue(step(story, "MIG1/resumed").caption().contains(ms(resumed - paused) + " after it stopped (the hypervisor's stop"),
                step(story, "MIG1/resumed").caption());
        Phase stop = m.phases().stream().filter(p -> p.name().equals("stop-and-copy")).findFirst().orElseThrow();
        assertTrue(step(story, "MIG1/paused").caption().contains(ms(stop.durationNs())), step(story, "MIG1/paused").caption());
        assertTrue(step(story, "MIG1/announced").caption().contains("RARP from 52:54:00:10:00:02"));
        StoryStep config = step(story, "MIG1/config-sent");
        assertTrue(config.caption().contains("to R3"), config.caption());
        assertTrue(config.links().containsAll(List.of("L2", "W2")), config.links().toString());
        StoryStep rule = step(story, "MIG1/rule-switched/R3");
        assertTrue(rule.caption().contains("172.16.10.2 → 172.15.10.2"), "the rule before, from the translations R3 made: " + rule.caption());
        assertTrue(rule.caption().contains("no translation (vm1 in ADC)"), rule.caption());
        assertTrue(rule.caption().contains(ms(m.switchingTimeNs())), rule.caption());
        assertTrue(step(story, "MIG1/first-probe-new-path").caption().contains("U → R3 → C2 → R2 → ADC → vm1"));
        assertTrue(step(story, "MIG1/service-restored").caption().contains(ms(m.clientGapNs())));
    }

    /**
     * Issue 13: the paper's lab said "runs again 14.4 ms" while the readout said downtime 27.0 ms. The
     * 14.4 ms is the hypervisor's stop (paused → resumed); the readout's downtime runs on until a
     * probe reaches the VM again. The caption names the stop as the hypervisor's and gives the
     * readout's downtime by name; the first probe's step says the downtime ends there.
     */
    @Test
    void theResumeCaptionNamesTheHypervisorsStopAndTheReadoutsDowntime() throws Exception {
        Emulator.Outcome outcome = run(Samples.lab("paging-paper"));
        Story story = story(outcome);
        MigrationMetrics m = outcome.result().migrations().get(0);
        String readout = org.warplab.run.FigureText.downtime(m);
        long paused = outcome.trace().ofType(org.warplab.run.TraceEvent.VmPaused.class).get(0).timeNs();
        long resumed = outcome.trace().ofType(org.warplab.run.TraceEvent.VmResumed.class).get(0).timeNs();
        assertEquals("27.0 ms", readout, "the paper lab's downtime as warplab emulate prints it");
        assertEquals("14.4 ms", ms(resumed - paused));
        String caption = step(story, "MIG1/resumed").caption();
        assertTrue(caption.contains("14.4 ms after it stopped (the hypervisor's stop, pause → resume; its downtime, until a probe reaches it again, is 27.0 ms)"),
                caption);
        String first = step(story, "MIG1/first-probe-new-path").caption();
        assertTrue(first.contains("vm1's downtime ends here, 27.0 ms after it stopped"), first);
        assertEquals(paused + m.downtimeNs(), step(story, "MIG1/first-probe-new-path").timeNs(), "the downtime ends with that probe");
    }

    /** Wherever a caption or why gives a figure for the downtime, it is the readout's (FigureText, as warplab emulate prints it), in every sample lab. */
    @Test
    void everyDowntimeACaptionNamesIsTheReadouts() throws Exception {
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("downtime[^0-9.]{0,60}?(\\d+(?:\\.\\d+)? (?:ms|s|µs))");
        int checked = 0;
        for (String name : Samples.names()) {
            Emulator.Outcome outcome = run(Samples.lab(name));
            for (StoryStep step : story(outcome).steps()) {
                MigrationMetrics m = outcome.result().migrations().stream().filter(x -> x.migration().equals(step.migration())).findFirst().orElseThrow();
                for (String text : List.of(step.caption(), step.why())) {
                    java.util.regex.Matcher matcher = named.matcher(text);
                    while (matcher.find()) {
                        assertEquals(org.warplab.run.FigureText.downtime(m), matcher.group(1), name + " " + step.id() + ": " + text);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= Samples.names().size(), "a downtime named in each lab's story: " + checked);
    }

    @Test
    void threeDataCentersSwitchBothClientEdgesOnEveryMove() throws Exception {
        Story story = story(run(Samples.lab("paging-three-dc")));
        assertTrue(step(story, "MIG1/rule-switched/CE1").caption().contains("172.14.10.2 (vm1 in DC2)"));
        assertTrue(step(story, "MIG2/rule-switched/CE2").caption().contains("172.14.10.2 (vm1 in DC2)  ⇒  ip daddr 172.16.10.2 → 172.13.10.2"),
                "the rule before is the one the previous move installed: " + step(story, "MIG2/rule-switched/CE2").caption());
        assertTrue(step(story, "MIG3/config-sent").caption().contains("CE1 and CE2"));
    }

    @Test
    void mobileIpv6TellsTheRegistrationInTheOrderOfRfc6275() throws Exception {
        Emulator.Outcome outcome = run(Samples.lab("mipv6-paper"));
        Story story = story(outcome);
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertInOrder(List.of(StepKind.PRE_COPY, StepKind.PAUSED, StepKind.RESUMED, StepKind.MOVEMENT_DETECTED, StepKind.CARE_OF_ADDRESS,
                StepKind.BINDING_UPDATE, StepKind.HOME_AGENT_DAD, StepKind.BINDING_ACK, StepKind.TUNNEL, StepKind.FIRST_PROBE_NEW_PATH,
                StepKind.SERVICE_RESTORED), kinds(story, "MIG1"));
        assertTrue(step(story, "MIG1/care-of-address").caption().contains("2001:db8:2:0:5054:ff:fe00:100"));
        assertTrue(step(story, "MIG1/binding-update").caption().contains("home 2001:db8:1::100 → care-of 2001:db8:2:0:5054:ff:fe00:100"));
        assertTrue(step(story, "MIG1/binding-ack").caption().contains(ms(m.switchingTimeNs())));
        assertTrue(step(story, "MIG1/first-probe-new-path").caption().contains("ip6ip6 at mn"));
        assertTrue(step(story, "MIG1/packets-lost").caption().contains("HOME"), "before the binding the home LAN loses them");
        assertTrue(story.steps().stream().noneMatch(s -> s.kind() == StepKind.ROUTE_OPTIMIZATION), "the paper's lab has no route optimization");
    }

    @Test
    void routeOptimizationAddsTheCorrespondentsSteps(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ro" + LabFiles.EXTENSION);
        Files.writeString(file, Files.readString(Samples.file("mipv6-paper")).replace("\"routeOptimization\": false", "\"routeOptimization\": true"));
        Story story = story(run(LabFiles.load(file).lab()));
        assertInOrder(List.of(StepKind.BINDING_ACK, StepKind.ROUTE_OPTIMIZATION, StepKind.ROUTE_OPTIMIZATION), kinds(story, "MIG1"));
        assertTrue(step(story, "MIG1/route-optimization/return-routability").caption().contains("return routability"));
    }

    @Test
    void coldMigrationSavesCopiesAndRestores() throws Exception {
        Emulator.Outcome outcome = run(Samples.lab("mipv6-no-shared-storage"));
        Story story = story(outcome);
        MigrationMetrics m = outcome.result().migrations().get(0);
        assertInOrder(List.of(StepKind.COLD_SAVE, StepKind.COLD_IMAGE_COPY, StepKind.COLD_MEMORY_COPY, StepKind.COLD_RESTORE, StepKind.RESUMED,
                StepKind.BINDING_ACK), kinds(story, "MIG1"));
        assertFalse(kinds(story, "MIG1").contains(StepKind.PRE_COPY));
        Phase image = m.phases().stream().filter(p -> p.name().equals("copy disk image")).findFirst().orElseThrow();
        assertTrue(step(story, "MIG1/cold-image-copy").caption().contains(String.format(Locale.ROOT, "%.1f s", image.durationNs() / 1e9)));
    }

    @Test
    void segmentationShowsTheTagTheHairpinAndTheOtherTenant() throws Exception {
        Story story = story(run(Samples.lab("segmentation-tenants")));
        assertTrue(step(story, "MIG1/segment-tag").caption().contains("VNI 5001"));
        assertTrue(step(story, "MIG1/segment-learned").caption().contains("EB/red"));
        StoryStep first = step(story, "MIG1/first-probe-new-path");
        assertTrue(first.why().contains("hairpin") && first.why().contains("EA"), first.why());
        StoryStep other = step(story, "MIG1/other-tenant/P2");
        assertTrue(other.caption().contains("blue1") && other.caption().endsWith(" 0 lost"), other.caption());
    }

    @Test
    void baselinesShowWhereThePacketsDie() throws Exception {
        Lab paging = Samples.lab("paging-paper");
        Story none = story(run(paging.withScheme(SchemeKind.NONE)));
        assertTrue(kinds(none, "MIG1").contains(StepKind.PACKETS_LOST));
        assertFalse(kinds(none, "MIG1").contains(StepKind.SERVICE_RESTORED), "nothing comes back");
        assertTrue(step(none, "MIG1/packets-lost").caption().contains("PDC"), step(none, "MIG1/packets-lost").caption());
        assertTrue(step(none, "MIG1/packets-lost").why().contains("the WAN routes it to PDC"), step(none, "MIG1/packets-lost").why());

        Story l2 = story(run(paging.withScheme(SchemeKind.L2_EXTENSION)));
        assertTrue(step(l2, "MIG1/first-probe-new-path").caption().contains("R1 → PDC → ADC → vm1"));
        assertTrue(step(l2, "MIG1/first-probe-new-path").why().contains("hairpin"));

        Story routing = story(run(paging.withScheme(SchemeKind.ROUTING_MOVE)));
        assertInOrder(List.of(StepKind.RESUMED, StepKind.PACKETS_LOST, StepKind.ROUTE_CHANGED, StepKind.FIRST_PROBE_NEW_PATH), kinds(routing, "MIG1"));
        assertTrue(step(routing, "MIG1/route-changed").caption().contains("172.16.0.0/16"));
    }

    @Test
    void theTextAndMarkdownCarryEveryStep() throws Exception {
        Story story = story(run(Samples.lab("paging-paper")));
        String plain = StoryText.plain(story);
        String markdown = StoryText.markdown(story);
        for (StoryStep step : story.steps()) {
            assertTrue(plain.contains(step.caption()), step.id());
            assertTrue(plain.contains(step.id()), step.id());
            assertTrue(markdown.contains(step.kind().label()), step.id());
        }
        assertEquals(story.steps().size() + 6, markdown.lines().count(), "a title and a line (each with a blank line after), the table head (2 lines), a row per step");
    }
}
