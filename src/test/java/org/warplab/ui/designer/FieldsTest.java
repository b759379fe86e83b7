package org.warplab.ui.designer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Segmentation;
import org.warplab.ui.DesignerSettings;
import org.warplab.ui.DesignerWindow;

/** The fields behind the property sheets turn text into edits, or refuse it with a reason; no toolkit needed. */
class FieldsTest {

    private static Lab load(String name) throws Exception {
        return LabFiles.load(Path.of("sample-labs", name)).lab();
    }

    private static Field field(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no field " + name));
    }

    @Test
    void linkDelayIsReadInMillisecondsAndRefusedWhenNegativeOrNotANumber() throws Exception {
        Lab lab = load("paging-paper.warplab.json");
        List<Field> fields = InspectorFields.forLink(lab, lab.link("W1").orElseThrow());
        Field delay = field(fields, "Delay (ms)");
        assertEquals("2", delay.value());
        Lab after = delay.commit().apply("2.5").apply(lab);
        assertEquals(2_500_000L, after.link("W1").orElseThrow().delayNs());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> delay.commit().apply("-1")).getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> delay.commit().apply("fast")).getMessage().contains("not a number"));
        Field bandwidth = field(fields, "Bandwidth (Mbit/s)");
        assertEquals("10000", bandwidth.value());
        assertEquals(100_000_000L, bandwidth.commit().apply("100").apply(lab).link("W1").orElseThrow().bandwidthBps());
        assertEquals("Change W1", bandwidth.commit().apply("100").name());
    }

    @Test
    void aDataCentersPrefixIsParsedByTheModelWhoseMessageIsShown() throws Exception {
        Lab lab = load("paging-paper.warplab.json");
        Field lan = field(InspectorFields.forNode(lab, lab.node("PDC").orElseThrow()), "LAN prefixes");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> lan.commit().apply("172.16.0.1/16"));
        assertTrue(refused.getMessage().contains("did you mean 172.16.0.0/16"), refused.getMessage());
    }

    @Test
    void mobileIpv6AndSegmentationSettingsAreEditable() throws Exception {
        Lab mip = load("mipv6-paper.warplab.json");
        Field ra = field(SchemeFields.forLab(mip), "RA min interval (ms)");
        Lab faster = ra.commit().apply("20").apply(mip);
        assertEquals(20_000_000L, faster.schemeConfig(MobileIpv6.class).orElseThrow().raMinIntervalNs());

        Lab seg = load("segmentation-tenants.warplab.json");
        Segmentation s = seg.schemeConfig(Segmentation.class).orElseThrow();
        Field segments = field(SchemeFields.forLab(seg), "Segments");
        assertEquals(s.segments(), SchemeFields.parseSegments(seg, segments.value(), s.maxId()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> segments.commit().apply("a=1: nobody"))
                .getMessage().contains("no node 'nobody'"));
    }

    @Test
    void theSampleLabsMenuListsTheSamplesAndSettingsRememberRecentFiles() throws Exception {
        List<Path> samples = DesignerWindow.sampleLabs();
        assertTrue(samples.contains(Path.of("sample-labs", "paging-paper.warplab.json")), samples.toString());
        Preferences prefs = Preferences.userRoot().node("org/warplab/designer-test-" + System.nanoTime());
        try {
            DesignerSettings settings = new DesignerSettings(prefs);
            settings.opened(samples.get(0));
            settings.opened(samples.get(1));
            settings.opened(samples.get(0));
            assertEquals(List.of(samples.get(0).toAbsolutePath(), samples.get(1).toAbsolutePath()), settings.recentFiles());
            assertEquals(samples.get(0).toAbsolutePath(), settings.lastLab().orElseThrow());
        } finally {
            prefs.removeNode();
        }
    }
}
