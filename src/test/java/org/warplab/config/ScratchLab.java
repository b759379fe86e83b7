package org.warplab.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.Node;
import org.warplab.testing.Tools;

/**
 * A lab state built on scratch network namespaces ({@code wl-t-...}) from the generated files, the
 * way a user (or live mode) applies them: namespaces, wiring, then each node's files in README order.
 * Closing deletes exactly the namespaces it created, by name.
 */
final class ScratchLab implements AutoCloseable {

    final String prefix;
    final Path dir;
    private final List<String> namespaces = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    private ScratchLab(String prefix, Path dir) {
        this.prefix = prefix;
        this.dir = dir;
    }

    String ns(String node) {
        return prefix + node;
    }

    /** Writes {@code files} under {@code dir} and applies them; failures are collected, not thrown. */
    static ScratchLab build(Lab lab, List<GeneratedFile> files, String prefix, Path dir) throws IOException {
        ScratchLab scratch = new ScratchLab(prefix, dir);
        for (GeneratedFile f : files) {
            Path target = dir.resolve(f.path());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.content(), StandardCharsets.UTF_8);
        }
        for (Node node : lab.nodes()) {
            scratch.step(List.of("ip", "netns", "add", scratch.ns(node.id())), node.id());
            scratch.namespaces.add(scratch.ns(node.id()));
            scratch.step(List.of("ip", "netns", "exec", scratch.ns(node.id()), "sysctl", "-q", "-p",
                    dir.resolve(node.id()).resolve("sysctl.conf").toString()), node.id() + "/sysctl.conf");
        }
        scratch.step(List.of("ip", "-batch", dir.resolve(ConfigGenerator.WIRING_DEVICE).resolve("links.batch").toString()), "wiring");
        for (Node node : lab.nodes()) {
            Path d = dir.resolve(node.id());
            String ns = scratch.ns(node.id());
            scratch.step(List.of("ip", "-n", ns, "-batch", d.resolve("ip.batch").toString()), node.id() + "/ip.batch");
            if (Files.exists(d.resolve("bridge.batch"))) {
                scratch.step(List.of("bridge", "-n", ns, "-batch", d.resolve("bridge.batch").toString()), node.id() + "/bridge.batch");
            }
            if (Files.exists(d.resolve("sysctl-interfaces.conf"))) {
                scratch.step(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-p", d.resolve("sysctl-interfaces.conf").toString()),
                        node.id() + "/sysctl-interfaces.conf");
            }
            for (Path batch : MobileIpv6Files.batches(d)) {
                scratch.step(List.of("ip", "-n", ns, "-batch", batch.toString()), node.id() + "/" + d.relativize(batch));
            }
            if (Files.exists(d.resolve("routes.batch"))) {
                scratch.step(List.of("ip", "-n", ns, "-batch", d.resolve("routes.batch").toString()), node.id() + "/routes.batch");
            }
            if (Files.exists(d.resolve("nft/paging.nft"))) {
                scratch.step(List.of("ip", "netns", "exec", ns, "nft", "-f", d.resolve("nft/paging.nft").toString()), node.id() + "/nft/paging.nft");
            }
        }
        return scratch;
    }

    Tools.Result step(List<String> command, String what) {
        Tools.Result result = Tools.run(command);
        if (!result.ok()) {
            failures.add(what + ": " + String.join(" ", command) + "\n" + result.output());
        }
        return result;
    }

    /** Pings from {@code node}'s namespace; the number of replies. */
    int ping(String node, String address, int count) {
        Tools.Result r = Tools.run(List.of("ip", "netns", "exec", ns(node), "ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "1", address));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) received").matcher(r.output());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            Tools.run(List.of("ip", "netns", "delete", ns));
        }
    }
}
