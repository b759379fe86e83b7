package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warplab.io.LabFiles;

/**
 * Every rule of the validator, one case each: a shipped lab with one thing broken must get exactly
 * that problem, at the path of the broken value, with the severity the rule gives, and a hint. The
 * shipped labs themselves have no error, so each problem below comes from its one mutation.
 */
class LabValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGING = "paging-paper";
    private static final String SEGMENTATION = "segmentation-tenants";
    private static final String MOBILE_IPV6 = "mipv6-paper";

    /** One broken lab: which sample, what is changed, and the problem that must follow. */
    record Case(String name, String sample, Consumer<ObjectNode> mutation, Severity severity, String path, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // nodes
                error("an id that starts with a digit", PAGING, set("nodes[0].id", "\"1PDC\""), "nodes[0].id", "is not a usable id"),
                error("two nodes with one id", PAGING, set("nodes[3].id", "\"R2\""), "nodes[4].id", "used by another node too"),
                error("a node named like a link", PAGING, set("nodes[5].id", "\"W3\""), "nodes[5].id", "is also a link's id"),
                error("a node without a name", PAGING, set("nodes[1].name", "\"\""), "nodes[1].name", "has no name"),
                error("a data center without a LAN prefix", PAGING, set("nodes[0].lanPrefixes", "[]"), "nodes[0].lanPrefixes", "has no LAN prefix"),
                error("two IPv4 LAN prefixes", PAGING, set("nodes[0].lanPrefixes", "[\"172.16.0.0/16\",\"172.17.0.0/16\"]"),
                        "nodes[0].lanPrefixes[1]", "two IPv4 LAN prefixes"),
                error("a gateway outside its LAN", PAGING, set("nodes[0].gateway.addresses", "[\"10.9.9.1\"]"),
                        "nodes[0].gateway.addresses[0]", "is not in its LAN prefix"),
                error("a multicast gateway MAC", PAGING, set("nodes[0].gateway.mac", "\"03:00:00:00:00:01\""), "nodes[0].gateway.mac", "multicast"),
                error("a VM placed in a router", PAGING, set("nodes[1].dataCenter", "\"R1\""), "nodes[1].dataCenter", "not a data center"),
                error("a VM placed nowhere", PAGING, set("nodes[1].dataCenter", "\"XX\""), "nodes[1].dataCenter", "which does not exist"),
                error("a VM address outside its LAN", PAGING, set("nodes[1].addresses", "[\"10.9.9.9\"]"), "nodes[1].addresses[0]", "is not in the LAN of 'PDC'"),
                error("a VM without an address", PAGING, set("nodes[1].addresses", "[]"), "nodes[1].addresses", "has no address"),
                error("a multicast VM MAC", PAGING, set("nodes[1].mac", "\"53:54:00:10:00:02\""), "nodes[1].mac", "multicast"),
                error("a VM with 8 MiB", PAGING, set("nodes[1].memoryMiB", "8"), "nodes[1].memoryMiB", "has 8 MiB of memory"),
                error("a client gateway off its site", PAGING, set("nodes[8].gateways", "[\"10.2.0.1\"]"), "nodes[8].gateways[0]", "is not on its site"),
                error("a client without a gateway", PAGING, set("nodes[8].gateways", "[]"), "nodes[8].gateways", "has no IPv4 gateway"),
                error("a client without an address", PAGING, set("nodes[8].addresses", "[]"), "nodes[8].addresses", "has no address"),
                warning("gateways with different MACs", PAGING, set("nodes[2].gateway.mac", "\"02:00:00:00:00:09\""), "nodes[2].gateway.mac",
                        "differs from 'PDC'"),
                error("two VMs with one address", PAGING, append("nodes", "{\"id\":\"vm2\",\"kind\":\"vm\",\"name\":\"VM B\",\"x\":140,\"y\":160,"
                        + "\"dataCenter\":\"PDC\",\"addresses\":[\"172.16.10.2\"],\"mac\":\"52:54:00:10:00:03\",\"memoryMiB\":512}"),
                        "nodes[9].addresses[0]", "share the address 172.16.10.2"),
                // links
                error("a link id that starts with a digit", PAGING, set("links[0].id", "\"9L\""), "links[0].id", "is not a usable id"),
                error("two links with one id", PAGING, set("links[1].id", "\"L1\""), "links[1].id", "used by another link too"),
                error("a link to nowhere", PAGING, set("links[0].b", "\"ZZ\""), "links[0].b", "node 'ZZ' does not exist"),
                error("a link from a node to itself", PAGING, set("links[0].b", "\"PDC\""), "links[0].b", "to itself"),
                error("a LAN link between two routers", PAGING, set("links[2].kind", "\"lan\""), "links[2].kind", "joins two routers"),
                error("a WAN link to a data center", PAGING, set("links[0].kind", "\"wan\""), "links[0].kind", "WAN link 'L1' joins"),
                error("a management link to a router", PAGING, set("links[8].b", "\"R2\""), "links[8].kind", "management link 'M1' joins data center 'PDC' and router 'R2'"),
                error("a LAN link to a VM", PAGING, set("links[7].a", "\"vm1\""), "links[7].kind", "attaches VM directly"),
                error("a negative delay", PAGING, set("links[0].delayMs", "-1"), "links[0].delayMs", "negative delay"),
                error("more jitter than delay", PAGING, set("links[2].jitterMs", "3"), "links[2].jitterMs", "more jitter than delay"),
                error("no bandwidth", PAGING, set("links[0].bandwidthMbps", "0"), "links[0].bandwidthMbps", "has no bandwidth"),
                error("150 % loss", PAGING, set("links[0].lossPercent", "150"), "links[0].lossPercent", "has loss 150.0 %"),
                error("an MTU below IPv4's minimum", PAGING, set("links[0].mtu", "100"), "links[0].mtu", "has MTU 100"),
                error("a routing cost of 0", PAGING, set("links[0].cost", "0"), "links[0].cost", "has cost 0"),
                error("a WAN link end without an address", PAGING, set("links[2].aAddresses", "[]"), "links[2].aAddresses", "has no address at its 'R1' end"),
                error("WAN link ends in two subnets", PAGING, set("links[2].bAddresses", "[\"10.0.9.2/30\"]"), "links[2].bAddresses", "different subnets"),
                error("an IPv6 address at a WAN link's b end only", PAGING, set("links[2].bAddresses", "[\"10.0.1.2/30\", \"2001:db8:ff::2/64\"]"),
                        "links[2].aAddresses", "has an IPv6 address at 'C1' only"),
                error("an IPv6 lab's MTU below IPv6's minimum", MOBILE_IPV6, set("links[3].mtu", "1000"), "links[3].mtu", "has MTU 1000"),
                error("WAN link ends with one address", PAGING, set("links[2].bAddresses", "[\"10.0.1.1/30\"]"), "links[2].bAddresses",
                        "have the address 10.0.1.1"),
                error("a WAN subnet inside a client's site", PAGING, set("links[2].aAddresses", "[\"10.1.0.1/30\"]").andThen(set("links[2].bAddresses",
                        "[\"10.1.0.2/30\"]")), "nodes[8].addresses[0]", "overlaps 10.1.0.0/30 of 'W1'"),
                error("a translation target the WAN uses", PAGING, set("schemes.network-paging.serverEdges[0].wanPrefix", "\"10.0.0.0/16\""),
                        "schemes.network-paging.serverEdges[0].wanPrefix", "translation target 10.0.0.0/16 overlaps 10.0.1.0/30 used by 'W1'"),
                // schemes
                error("a scheme without settings", PAGING, set("scheme", "\"segmentation\""), "scheme", "has no settings for it"),
                error("a core router as server edge", PAGING, set("schemes.network-paging.serverEdges[0].router", "\"C1\""),
                        "schemes.network-paging.serverEdges[0].router", "server-edge translator 'C1' is a core router"),
                error("a translation that changes the length", PAGING, set("schemes.network-paging.serverEdges[0].wanPrefix", "\"172.15.0.0/24\""),
                        "schemes.network-paging.serverEdges[0].wanPrefix", "changes the prefix length"),
                error("a translation onto itself", PAGING, set("schemes.network-paging.serverEdges[0].wanPrefix", "\"172.16.0.0/16\""),
                        "schemes.network-paging.serverEdges[0].wanPrefix", "onto itself"),
                error("a translated prefix no data center has", PAGING, set("schemes.network-paging.serverEdges[0].lanPrefix", "\"172.20.0.0/16\""),
                        "schemes.network-paging.serverEdges[0].lanPrefix", "no data center with that LAN prefix"),
                error("no client edge", PAGING, set("schemes.network-paging.clientEdges", "[]"), "schemes.network-paging.clientEdges",
                        "no client-edge translator"),
                error("a client as client edge", PAGING, set("schemes.network-paging.clientEdges", "[\"U\"]"), "schemes.network-paging.clientEdges[0]",
                        "is a client, not a router"),
                error("a negative capture time", PAGING, set("schemes.network-paging.captureProcessingMs", "-1"), "schemes.network-paging",
                        "processing times must not be negative"),
                error("a destination nobody watches", PAGING, set("nodes[2].capturesAnnouncements", "false"), "nodes[2].capturesAnnouncements",
                        "nobody watches for announcements on 'ADC'"),
                error("two segments with one VNI", SEGMENTATION, set("schemes.segmentation.segments[1].id", "5001"),
                        "schemes.segmentation.segments[1].id", "share VNI 5001"),
                error("a VLAN id past 4094", SEGMENTATION, set("schemes.segmentation.idKind", "\"vlan\""), "schemes.segmentation.segments[0].id",
                        "outside 1..4094"),
                error("a segment member that does not exist", SEGMENTATION, append("schemes.segmentation.segments[0].members", "\"ZZ\""),
                        "schemes.segmentation.segments[0].members[2]", "which does not exist"),
                error("a router as segment member", SEGMENTATION, append("schemes.segmentation.segments[0].members", "\"EA\""),
                        "schemes.segmentation.segments[0].members[2]", "lists router 'EA'"),
                error("a VM in two segments", SEGMENTATION, append("schemes.segmentation.segments[1].members", "\"red1\""),
                        "schemes.segmentation.segments[1].members[2]", "is in segments 'red' and 'blue'"),
                error("a moving VM in no segment", SEGMENTATION, set("schemes.segmentation.segments[0].members", "[\"UR\"]"),
                        "schemes.segmentation.segments", "migrates but is in no segment"),
                error("no segment endpoint", SEGMENTATION, set("schemes.segmentation.endpoints", "[]"), "schemes.segmentation.endpoints",
                        "no endpoint router"),
                error("a router as home network", MOBILE_IPV6, set("schemes.mobile-ipv6.homeNetwork", "\"HA\""), "schemes.mobile-ipv6.homeNetwork",
                        "is a router"),
                error("a home agent off the home link", MOBILE_IPV6, set("schemes.mobile-ipv6.homeAgent", "\"FR\""), "schemes.mobile-ipv6.homeAgent",
                        "is not attached to home network 'HOME'"),
                error("an advertisement interval that is no range", MOBILE_IPV6, set("schemes.mobile-ipv6.raMinIntervalMs", "80"),
                        "schemes.mobile-ipv6.raMinIntervalMs", "is not a range"),
                error("a binding lifetime of 0", MOBILE_IPV6, set("schemes.mobile-ipv6.bindingLifetimeS", "0"), "schemes.mobile-ipv6.bindingLifetimeS",
                        "must be positive"),
                error("a correspondent that is no client", MOBILE_IPV6, set("schemes.mobile-ipv6.correspondents", "[\"HA\"]"),
                        "schemes.mobile-ipv6.correspondents[0]", "is not a client of this lab"),
                // migrations and traffic
                error("a migration id that is not usable", PAGING, set("migrations[0].id", "\"-\""), "migrations[0].id", "is not usable or not unique"),
                error("a migration of a data center", PAGING, set("migrations[0].vm", "\"PDC\""), "migrations[0].vm", "which is not a VM"),
                error("a migration to a router", PAGING, set("migrations[0].to", "\"R1\""), "migrations[0].to", "which is not a data center"),
                error("a migration to where the VM is", PAGING, set("migrations[0].to", "\"PDC\""), "migrations[0].to", "where it already is"),
                error("a migration without a management link", PAGING, remove("links", 8), "migrations[0].to", "no management link joins 'PDC' and 'ADC'"),
                error("a migration after the run", PAGING, set("migrations[0].atMs", "5000"), "migrations[0].atMs", "outside the run (0-4000 ms)"),
                error("a downtime limit of 0", PAGING, set("migrations[0].downtimeLimitMs", "0"), "migrations[0].downtimeLimitMs", "must be positive"),
                error("a negative bandwidth cap", PAGING, set("migrations[0].bandwidthCapMbps", "-1"), "migrations[0].bandwidthCapMbps", "must not be negative"),
                error("no pre-copy round", PAGING, set("migrations[0].maxRounds", "0"), "migrations[0].maxRounds", "at least one round"),
                warning("a destination without the VM's prefix", PAGING, set("nodes[2].lanPrefixes", "[\"172.17.0.0/16\"]")
                        .andThen(set("nodes[2].gateway.addresses", "[\"172.17.0.1\"]")), "migrations[0].to", "has no LAN prefix holding 172.16.10.2"),
                warning("two moves of one VM at one instant", PAGING, append("migrations", "{\"id\":\"MIG2\",\"vm\":\"vm1\",\"to\":\"PDC\",\"atMs\":1000}"),
                        "migrations[1].atMs", "both move 'vm1' at 1000 ms"),
                error("a flow id that is not usable", PAGING, set("traffic[0].id", "\"-\""), "traffic[0].id", "is not usable or not unique"),
                error("a flow from a VM", PAGING, set("traffic[0].client", "\"vm1\""), "traffic[0].client", "which is not a client"),
                error("a flow to a client", PAGING, set("traffic[0].vm", "\"U\""), "traffic[0].vm", "which is not a VM"),
                error("a 10-byte probe", PAGING, set("traffic[0].packetBytes", "10"), "traffic[0].packetBytes", "sends 10-byte packets"),
                error("a flow that never sends", PAGING, set("traffic[0].intervalMs", "0"), "traffic[0].intervalMs", "has no sending interval"),
                error("a flow that stops before it starts", PAGING, set("traffic[0].startMs", "100").andThen(set("traffic[0].stopMs", "50")),
                        "traffic[0].startMs", "starts at 100 ms and stops at 50 ms"),
                error("a client and VM of different families", PAGING, set("nodes[8].addresses", "[\"2001:db8:9::10/64\"]")
                        .andThen(set("nodes[8].gateways", "[\"2001:db8:9::1\"]")), "traffic[0].client", "share no address family"));
    }

    @Test
    void theShippedLabsHaveNoError() throws Exception {
        for (String sample : List.of(PAGING, SEGMENTATION, MOBILE_IPV6)) {
            List<Problem> problems = LabValidator.validate(load(sample, root -> { }));
            assertFalse(LabValidator.hasErrors(problems), sample + ": " + problems);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRuleReportsItsProblemWhereTheValueIs(Case c) throws Exception {
        List<Problem> problems = LabValidator.validate(load(c.sample(), c.mutation()));
        List<Problem> matching = problems.stream()
                .filter(p -> p.path().equals(c.path()) && p.message().contains(c.messagePart()))
                .toList();
        assertEquals(1, matching.size(), () -> "expected one problem at " + c.path() + " saying '" + c.messagePart() + "', got:\n"
                + String.join("\n", problems.stream().map(p -> p.severity() + " " + p.path() + ": " + p.message()).toList()));
        Problem problem = matching.get(0);
        assertEquals(c.severity(), problem.severity(), problem.toString());
        assertFalse(problem.hint().isBlank(), "a problem tells how to fix it: " + problem);
        if (c.severity() == Severity.ERROR) {
            assertTrue(LabValidator.hasErrors(problems));
        }
    }

    @Test
    void problemsComeOutInTheOrderOfTheConcerns() throws Exception {
        // one node, one link, one scheme and one migration problem: the list reads like the document
        List<Problem> problems = LabValidator.validate(load(PAGING, set("migrations[0].maxRounds", "0")
                .andThen(set("schemes.network-paging.clientEdges", "[]"))
                .andThen(set("links[0].cost", "0"))
                .andThen(set("nodes[1].memoryMiB", "8"))));
        List<String> paths = problems.stream().map(Problem::path)
                .filter(p -> List.of("nodes[1].memoryMiB", "links[0].cost", "schemes.network-paging.clientEdges", "migrations[0].maxRounds").contains(p))
                .toList();
        assertEquals(List.of("nodes[1].memoryMiB", "links[0].cost", "schemes.network-paging.clientEdges", "migrations[0].maxRounds"), paths);
    }

    // ---- building the broken labs ------------------------------------------------------------

    private static Case error(String name, String sample, Consumer<ObjectNode> mutation, String path, String messagePart) {
        return new Case(name, sample, mutation, Severity.ERROR, path, messagePart);
    }

    private static Case warning(String name, String sample, Consumer<ObjectNode> mutation, String path, String messagePart) {
        return new Case(name, sample, mutation, Severity.WARNING, path, messagePart);
    }

    private static Lab load(String sample, Consumer<ObjectNode> mutation) throws Exception {
        Path file = Path.of("sample-labs", sample + ".warplab.json");
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
        mutation.accept(root);
        return LabFiles.parse(file, JSON.writeValueAsString(root)).lab();
    }

    private static final Pattern STEP = Pattern.compile("([^.\\[]+)(?:\\[(\\d+)])?");

    /** The container that holds the last step of {@code path}, and that step's name/index. */
    private static JsonNode parentOf(ObjectNode root, String path) {
        String[] steps = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < steps.length - 1; i++) {
            node = child(node, steps[i]);
        }
        return node;
    }

    private static JsonNode child(JsonNode node, String step) {
        Matcher m = STEP.matcher(step);
        if (!m.matches()) {
            throw new IllegalArgumentException(step);
        }
        JsonNode next = node.get(m.group(1));
        return m.group(2) == null ? next : next.get(Integer.parseInt(m.group(2)));
    }

    private static Consumer<ObjectNode> set(String path, String json) {
        return root -> {
            JsonNode parent = parentOf(root, path);
            String last = path.substring(path.lastIndexOf('.') + 1);
            Matcher m = STEP.matcher(last);
            if (!m.matches()) {
                throw new IllegalArgumentException(path);
            }
            JsonNode value = read(json);
            if (m.group(2) == null) {
                ((ObjectNode) parent).set(m.group(1), value);
            } else {
                ((ArrayNode) parent.get(m.group(1))).set(Integer.parseInt(m.group(2)), value);
            }
        };
    }

    private static Consumer<ObjectNode> append(String path, String json) {
        return root -> ((ArrayNode) child(parentOf(root, path), path.substring(path.lastIndexOf('.') + 1))).add(read(json));
    }

    private static Consumer<ObjectNode> remove(String arrayPath, int index) {
        return root -> ((ArrayNode) child(parentOf(root, arrayPath), arrayPath.substring(arrayPath.lastIndexOf('.') + 1))).remove(index);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
