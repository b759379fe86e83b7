package org.warplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/**
 * Malformed and invalid labs, each made by one edit of a valid fixture, with the exact messages
 * and places a user is shown. The fixtures are copies of sample labs kept here so that these
 * line numbers stay put when the samples change.
 */
class MalformedLabTest {

    private static final Path FILE = Path.of("lab.warplab.json");

    /** One edit: replace the first occurrence of {@code find} in {@code fixture} with {@code replace}. */
    record Case(String name, String fixture, String find, String replace, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("broken JSON (missing comma)", "paging", "\"formatVersion\": 1,", "\"formatVersion\": 1",
                        "lab.warplab.json:3:3: not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
                c("text after the lab", "paging", "  ]\n}\n", "  ]\n}\n{}\n",
                        "lab.warplab.json:264:1: not valid JSON: there is more text after the lab's closing '}'; a lab file holds exactly one JSON object"),
                c("the file ends too early", "paging", "  ]\n}\n", "  ]\n",
                        "lab.warplab.json:263:1: not valid JSON: the file ends before the '{' opened at line 1, column 1 is closed"),
                c("a string where a number belongs", "paging", "\"memoryMiB\": 512", "\"memoryMiB\": \"512\"",
                        "lab.warplab.json:30:20: nodes[1].memoryMiB: expected a whole number, found the string \"512\""),
                c("link to a node that does not exist", "paging", "\"b\": \"R1\"", "\"b\": \"R9\"",
                        "lab.warplab.json:104:12: links[0].b: error: node 'R9' does not exist (connect the link to a node of this lab)",
                        "lab.warplab.json:228:24: schemes.network-paging.serverEdges[0].lanPrefix: error: 'R1' translates 172.16.0.0/16 but no data center with that LAN prefix is attached to it (attach the data center to 'R1' with a LAN link, or use its LAN prefix here)"),
                c("prefix length 33", "paging", "\"lanPrefixes\": [\"172.16.0.0/16\"]", "\"lanPrefixes\": [\"172.16.0.0/33\"]",
                        "lab.warplab.json:13:23: nodes[0].lanPrefixes[0]: '172.16.0.0/33' is not a prefix (an IPv4 prefix length is at most 32)"),
                c("bad MAC", "paging", "\"mac\": \"52:54:00:10:00:02\"", "\"mac\": \"52:54:00:10:00\"",
                        "lab.warplab.json:29:14: nodes[1].mac: '52:54:00:10:00' is not a MAC address (expected six hex pairs like 02:00:00:00:10:02)"),
                c("overlapping WAN prefixes", "paging", "\"aAddresses\": [\"10.0.2.1/30\"],\n      \"bAddresses\": [\"10.0.2.2/30\"]",
                        "\"aAddresses\": [\"10.0.1.1/29\"],\n      \"bAddresses\": [\"10.0.1.2/29\"]",
                        "lab.warplab.json:150:22: links[3].aAddresses[0]: error: WAN prefix 10.0.1.0/29 of 'W2' overlaps 10.0.1.0/30 of 'W1' (every subnet reachable across the WAN needs its own address range)"),
                c("VLAN id 5000", "segmentation", "\"idKind\": \"vni\"", "\"idKind\": \"vlan\"",
                        "lab.warplab.json:251:17: schemes.segmentation.segments[0].id: error: segment 'red' has VLAN id 5001, outside 1..4094 (VLAN ids are 1 to 4094; choose VNIs as the segment id kind for more segments)",
                        "lab.warplab.json:256:17: schemes.segmentation.segments[1].id: error: segment 'blue' has VLAN id 5002, outside 1..4094 (VLAN ids are 1 to 4094; choose VNIs as the segment id kind for more segments)"),
                c("Mobile IPv6 without an IPv6 prefix", "mipv6", "\"lanPrefixes\": [\"172.16.1.0/24\", \"2001:db8:1::/64\"]", "\"lanPrefixes\": [\"172.16.1.0/24\"]",
                        "lab.warplab.json:15:37: nodes[0].gateway.addresses[1]: error: gateway 2001:db8:1::1 of 'HOME' is not in its LAN prefix (use an address inside a LAN prefix of the same family)",
                        "lab.warplab.json:28:37: nodes[1].addresses[1]: error: address 2001:db8:1::100 of VM 'mn' is not in the LAN of 'HOME' (use an address inside a LAN prefix of HOME)",
                        "lab.warplab.json:189:22: schemes.mobile-ipv6.homeNetwork: error: home network 'HOME' has no IPv6 prefix (Mobile IPv6 needs IPv6: give 'HOME' an IPv6 LAN prefix, e.g. 2001:db8:1::/64)"),
                c("unknown field", "paging", "\"memoryMiB\": 512,", "\"memoryMiB\": 512,\n      \"colour\": \"red\",",
                        "lab.warplab.json:31:17: nodes[1].colour: unknown field; expected one of: id, kind, name, x, y, dataCenter, addresses, mac, memoryMiB, diskGiB, dirtyPagesPerSecond, announce, runtime"),
                c("newer format version", "paging", "\"formatVersion\": 1", "\"formatVersion\": 3",
                        "lab.warplab.json:2:20: formatVersion: this file has format version 3, newer than this WarpLab reads (2); open it with a newer WarpLab"),
                c("a version-2 section in a version-1 file", "paging", "  ]\n}\n", "  ],\n  \"testbed\": \"paper-000-esx\"\n}\n",
                        "lab.warplab.json:263:14: testbed: \"testbed\" (the testbed profile the lab runs on) exists since format version 2, but this file says \"formatVersion\": 1; set it to 2"),
                c("unknown testbed profile", "paging", "\"formatVersion\": 1,\n", "\"formatVersion\": 2,\n  \"testbed\": \"vmware\",\n",
                        "lab.warplab.json:3:14: testbed: 'vmware' is not one of: ideal, paper-000-esx, paper-003-xen, qemu-tcg-here"),
                c("no format version", "paging", "\"formatVersion\": 1,", "",
                        "lab.warplab.json:1:1: formatVersion: missing or not a whole number; a WarpLab lab file starts with \"formatVersion\": 2"),
                c("a key given twice", "paging", "\"memoryMiB\": 512,", "\"memoryMiB\": 512,\n      \"memoryMiB\": 1024,",
                        "lab.warplab.json:31:18: not valid JSON: Duplicate field 'memoryMiB'"),
                c("unknown node kind", "paging", "\"kind\": \"router\"", "\"kind\": \"firewall\"",
                        "lab.warplab.json:52:15: nodes[3].kind: 'firewall' is not a node kind; expected one of: datacenter, router, client, vm, switch"),
                c("unknown router role", "paging", "\"role\": \"client-edge\"", "\"role\": \"edge\"",
                        "lab.warplab.json:88:15: nodes[7].role: 'edge' is not one of: server-edge, core, client-edge"),
                c("VM placed in a router", "paging", "\"dataCenter\": \"PDC\"", "\"dataCenter\": \"R1\"",
                        "lab.warplab.json:27:21: nodes[1].dataCenter: error: VM 'vm1' is placed in 'R1', which is a router, not a data center (place every VM inside a data center)"),
                c("translation onto a prefix used elsewhere", "paging", "\"wanPrefix\": \"172.15.0.0/16\"", "\"wanPrefix\": \"10.1.0.0/16\"",
                        "lab.warplab.json:229:24: schemes.network-paging.serverEdges[0].wanPrefix: error: translation target 10.1.0.0/16 overlaps 10.1.0.0/24 used by 'U' (choose an S' that nothing else in the lab uses)"),
                c("no client-edge translator", "paging", "\"clientEdges\": [\"R3\"]", "\"clientEdges\": []",
                        "lab.warplab.json:232:22: schemes.network-paging.clientEdges: error: network paging has no client-edge translator (add the client-edge router(s) that translate S' back to S for the clients)"),
                c("gateway MACs that differ", "paging", "\"mac\": \"02:00:00:00:00:01\"\n      },\n      \"storage\": \"shared\",\n      \"capturesAnnouncements\": true\n    },\n    {\n      \"id\": \"vm1\"",
                        "\"mac\": \"02:00:00:00:00:09\"\n      },\n      \"storage\": \"shared\",\n      \"capturesAnnouncements\": true\n    },\n    {\n      \"id\": \"vm1\"",
                        "lab.warplab.json:45:16: nodes[2].gateway.mac: warning: gateway MAC of 'ADC' (02:00:00:00:00:01) differs from 'PDC' (02:00:00:00:00:09) (paper 000: the moved VM \"will probably try to use the old gateway first and will fail to communicate through it\" (§V.G: about 30 s to recover with VMware; §VI: several seconds). In a run the VM keeps the old gateway's MAC, which this gateway refuses, until it resolves the gateway again: within milliseconds when this gateway asks for the VM's MAC, seconds when it already knows the VM (the VM coming back): then Linux's unreachability detection gives up on the old MAC only after 5 s and 3 probes 1 s apart, longer if the entry was confirmed in the last 15-45 s. Give both gateways the same IP and MAC)"),
                c("negative delay", "paging", "\"delayMs\": 2,", "\"delayMs\": -2,",
                        "lab.warplab.json:130:18: links[2].delayMs: error: link 'W1' has a negative delay (use 0 or more milliseconds)"),
                c("loss above 100 %", "paging", "\"lossPercent\": 0,", "\"lossPercent\": 150,",
                        "lab.warplab.json:109:22: links[0].lossPercent: error: link 'L1' has loss 150.0 % (use a percentage from 0 to 100)"),
                c("migration to where the VM already is", "paging", "\"to\": \"ADC\"", "\"to\": \"PDC\"",
                        "lab.warplab.json:242:13: migrations[0].to: error: migration 'MIG1' moves 'vm1' to 'PDC', where it already is (choose another data center)"),
                c("two nodes with one id", "paging", "\"id\": \"R2\"", "\"id\": \"R1\"",
                        "lab.warplab.json:59:13: nodes[4].id: error: the id 'R1' is used by another node too (give each node its own id)",
                        "lab.warplab.json:116:12: links[1].b: error: node 'R2' does not exist (connect the link to a node of this lab)",
                        "lab.warplab.json:141:12: links[3].a: error: node 'R2' does not exist (connect the link to a node of this lab)"),
                c("segment ids shared", "segmentation", "\"id\": 5002", "\"id\": 5001",
                        "lab.warplab.json:256:17: schemes.segmentation.segments[1].id: error: segments 'red' and 'blue' share VNI 5001 (give each segment its own id)"),
                c("empty file", "paging", null, "",
                        "lab.warplab.json: is empty; a lab file is a JSON object"),
                c("a list where the lab belongs", "paging", null, "[1, 2]",
                        "lab.warplab.json:1:1: a lab file is a JSON object {...}, found a list"));
    }

    private static Arguments c(String name, String fixture, String find, String replace, String... expected) {
        return Arguments.of(new Case(name, fixture, find, replace, List.of(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactMessageAndPlace(Case c) throws IOException {
        String original = fixture(c.fixture());
        String text;
        if (c.find() == null) {
            text = c.replace();
        } else {
            assertTrue(original.contains(c.find()), "the fixture must contain the text to replace: " + c.find());
            text = original.replaceFirst(java.util.regex.Pattern.quote(c.find()), java.util.regex.Matcher.quoteReplacement(c.replace()));
        }
        assertEquals(c.expected(), report(text));
    }

    /** What `warplab validate` shows for this text: load problems, or the lab's problems placed in the file. */
    static List<String> report(String text) {
        List<String> out = new ArrayList<>();
        try {
            LoadedLab loaded = LabFiles.parse(FILE, text);
            for (Problem problem : LabValidator.validate(loaded.lab())) {
                out.add(loaded.locate(problem).toString());
            }
        } catch (LabFileException e) {
            e.problems().forEach(p -> out.add(p.toString()));
        }
        return out;
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = MalformedLabTest.class.getResourceAsStream(name + ".warplab.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
