package org.warplab.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Collection;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Node;
import org.warplab.model.ProbeFlow;
import org.warplab.model.RoutingMove;
import org.warplab.model.Router;
import org.warplab.model.SchemeConfig;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;

/** Turns a {@link Lab} into the JSON tree of a lab file, keys in a fixed order. */
final class LabJsonWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    private LabJsonWriter() {
    }

    static ObjectNode write(Lab lab) {
        ObjectNode root = JSON.objectNode();
        root.put("formatVersion", LabFiles.FORMAT_VERSION);
        root.put("name", lab.name());
        root.put("description", lab.description());
        root.set("durationMs", millis(lab.durationNs()));
        ArrayNode nodes = root.putArray("nodes");
        lab.nodes().forEach(n -> nodes.add(node(n)));
        ArrayNode links = root.putArray("links");
        lab.links().forEach(l -> links.add(link(l)));
        root.put("scheme", lab.scheme().key());
        ObjectNode schemes = root.putObject("schemes");
        lab.schemes().forEach(s -> schemes.set(s.kind().key(), scheme(s)));
        ArrayNode migrations = root.putArray("migrations");
        lab.migrations().forEach(m -> migrations.add(migration(m)));
        ArrayNode traffic = root.putArray("traffic");
        lab.traffic().forEach(f -> traffic.add(flow(f)));
        root.put("testbed", lab.testbed().key());
        lab.lesson().ifPresent(lesson -> root.set("lesson", LessonJson.writeLesson(lesson)));
        return root;
    }

    private static ObjectNode node(Node node) {
        ObjectNode out = JSON.objectNode();
        out.put("id", node.id());
        out.put("kind", node.kind().key());
        out.put("name", node.name());
        out.set("x", decimal(BigDecimal.valueOf(node.position().x())));
        out.set("y", decimal(BigDecimal.valueOf(node.position().y())));
        if (node instanceof DataCenter dc) {
            strings(out, "lanPrefixes", dc.lanPrefixes());
            ObjectNode gateway = out.putObject("gateway");
            strings(gateway, "addresses", dc.gatewayAddresses());
            gateway.put("mac", dc.gatewayMac().toString());
            out.put("storage", dc.storage().key());
            out.put("capturesAnnouncements", dc.capturesAnnouncements());
        } else if (node instanceof Router router) {
            out.put("role", router.role().key());
        } else if (node instanceof Client client) {
            strings(out, "addresses", client.addresses());
            strings(out, "gateways", client.gateways());
        } else if (node instanceof Vm vm) {
            out.put("dataCenter", vm.dataCenter());
            strings(out, "addresses", vm.addresses());
            out.put("mac", vm.mac().toString());
            out.put("memoryMiB", vm.memoryMiB());
            out.put("diskGiB", vm.diskGiB());
            out.put("dirtyPagesPerSecond", vm.dirtyPagesPerSecond());
            out.put("announce", vm.announce().key());
            out.put("runtime", vm.runtime().key());
        }
        return out;
    }

    private static ObjectNode link(Link link) {
        ObjectNode out = JSON.objectNode();
        out.put("id", link.id());
        out.put("a", link.a());
        out.put("b", link.b());
        out.put("kind", link.kind().key());
        out.set("delayMs", millis(link.delayNs()));
        out.set("jitterMs", millis(link.jitterNs()));
        out.set("bandwidthMbps", decimal(BigDecimal.valueOf(link.bandwidthBps(), 6)));
        out.set("lossPercent", decimal(BigDecimal.valueOf(link.lossPercent())));
        out.put("mtu", link.mtu());
        out.put("cost", link.cost());
        if (!link.aAddresses().isEmpty() || !link.bAddresses().isEmpty()) {
            strings(out, "aAddresses", link.aAddresses());
            strings(out, "bAddresses", link.bAddresses());
        }
        return out;
    }

    private static ObjectNode scheme(SchemeConfig config) {
        ObjectNode out = JSON.objectNode();
        if (config instanceof NetworkPaging paging) {
            ArrayNode edges = out.putArray("serverEdges");
            for (NetworkPaging.Translation t : paging.serverEdges()) {
                ObjectNode edge = edges.addObject();
                edge.put("router", t.router());
                edge.put("lanPrefix", t.lanPrefix().toString());
                edge.put("wanPrefix", t.wanPrefix().toString());
            }
            strings(out, "clientEdges", paging.clientEdges());
            out.put("trigger", paging.trigger().key());
            out.set("captureProcessingMs", millis(paging.captureProcessingNs()));
            out.set("switchProcessingMs", millis(paging.switchProcessingNs()));
        } else if (config instanceof Segmentation segmentation) {
            out.put("idKind", segmentation.idKind().key());
            ArrayNode segments = out.putArray("segments");
            for (Segmentation.Segment segment : segmentation.segments()) {
                ObjectNode s = segments.addObject();
                s.put("name", segment.name());
                s.put("id", segment.id());
                strings(s, "members", segment.members());
            }
            strings(out, "endpoints", segmentation.endpoints());
            out.put("gateway", segmentation.gateway().key());
        } else if (config instanceof MobileIpv6 mip) {
            out.put("homeNetwork", mip.homeNetwork());
            out.put("homeAgent", mip.homeAgent());
            out.set("raMinIntervalMs", millis(mip.raMinIntervalNs()));
            out.set("raMaxIntervalMs", millis(mip.raMaxIntervalNs()));
            out.put("dad", mip.dad().key());
            out.put("routeOptimization", mip.routeOptimization());
            strings(out, "correspondents", mip.correspondents());
            out.set("bindingLifetimeS", decimal(BigDecimal.valueOf(mip.bindingLifetimeNs(), 9)));
        } else if (config instanceof RoutingMove move) {
            out.set("advertisementDelayMs", millis(move.advertisementDelayNs()));
            out.set("floodPerHopMs", millis(move.floodPerHopNs()));
            out.set("spfDelayMs", millis(move.spfDelayNs()));
        }
        return out;
    }

    private static ObjectNode migration(Migration migration) {
        ObjectNode out = JSON.objectNode();
        out.put("id", migration.id());
        out.put("vm", migration.vm());
        out.put("to", migration.to());
        out.set("atMs", millis(migration.atNs()));
        out.put("mode", migration.mode().key());
        out.put("storage", migration.storage().key());
        out.set("downtimeLimitMs", millis(migration.downtimeLimitNs()));
        out.set("bandwidthCapMbps", decimal(BigDecimal.valueOf(migration.bandwidthCapBps(), 6)));
        out.put("maxRounds", migration.maxRounds());
        return out;
    }

    private static ObjectNode flow(ProbeFlow flow) {
        ObjectNode out = JSON.objectNode();
        out.put("id", flow.id());
        out.put("kind", flow.kind().key());
        out.put("client", flow.client());
        out.put("vm", flow.vm());
        out.put("packetBytes", flow.packetBytes());
        out.set("intervalMs", millis(flow.intervalNs()));
        out.set("startMs", millis(flow.startNs()));
        out.set("stopMs", millis(flow.stopNs()));
        return out;
    }

    private static void strings(ObjectNode out, String field, Collection<?> values) {
        ArrayNode array = out.putArray(field);
        values.forEach(v -> array.add(v.toString()));
    }

    private static com.fasterxml.jackson.databind.JsonNode millis(long ns) {
        return decimal(BigDecimal.valueOf(ns, 6));
    }

    /** Numbers are written in their shortest exact form: 20, 0.05, never 2.0E1. */
    private static com.fasterxml.jackson.databind.JsonNode decimal(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        return JSON.numberNode(plain);
    }
}
