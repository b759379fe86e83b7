package org.warplab.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warplab.testing.Samples;
import org.warplab.testing.Tools;

/** The real tools accept every generated file of every sample lab, in every state and variant. */
class ToolCheckTest {

    @TempDir
    Path temp;

    private static final List<ConfigOptions> VARIANTS = List.of(ConfigOptions.DEFAULTS,
            ConfigOptions.DEFAULTS.withSegmentTransport(SegmentTransport.VXLAN).withMipTunnel(MipTunnel.SEG6).withFastConvergence(false));

    /** Every generated file whose path ends with {@code suffix}, written under the temp dir. */
    private List<Path> written(String suffix) throws IOException {
        List<Path> paths = new ArrayList<>();
        int v = 0;
        for (ConfigOptions options : VARIANTS) {
            for (String lab : Samples.names()) {
                for (StateFiles state : ConfigGenerator.generateAll(Samples.lab(lab), options)) {
                    for (GeneratedFile file : state.files()) {
                        if (file.relativePath().endsWith(suffix)) {
                            Path target = temp.resolve("v" + v).resolve(lab).resolve(state.state()).resolve(file.path());
                            Files.createDirectories(target.getParent());
                            Files.writeString(target, file.content(), StandardCharsets.UTF_8);
                            paths.add(target);
                        }
                    }
                }
            }
            v++;
        }
        return paths;
    }

    @Test
    void nftAcceptsEveryRuleset() throws IOException {
        Path nft = Tools.require("nft");
        Tools.requireRoot();
        List<Path> files = written("paging.nft");
        assertTrue(files.size() >= 10, "expected rulesets from the paging labs, found " + files.size());
        for (Path file : files) {
            Tools.Result result = Tools.run(List.of(nft.toString(), "-c", "-f", file.toString()));
            assertTrue(result.ok(), "nft -c -f " + file + " refused it:\n" + result.output());
        }
        System.out.println("[nft] " + files.size() + " rulesets accepted by nft -c -f");
    }

    @Test
    void radvdAcceptsEveryConfig() throws IOException {
        Path radvd = Tools.require("radvd");
        List<Path> files = written("radvd.conf");
        assertTrue(files.size() >= 4, "expected radvd.conf files from the MIPv6 labs, found " + files.size());
        for (Path file : files) {
            Tools.Result result = Tools.run(List.of(radvd.toString(), "-c", "-C", file.toString()));
            assertTrue(result.ok(), "radvd -c -C " + file + " refused it:\n" + result.output());
        }
        System.out.println("[radvd] " + files.size() + " configs accepted by radvd -c -C");
    }

    @Test
    void frrAcceptsEveryConfig() throws IOException {
        Path zebra = Tools.require("zebra");
        Path ospfd = Tools.require("ospfd");
        Path vtysh = Tools.require("vtysh");
        List<Path> files = new ArrayList<>(written("zebra.conf"));
        files.addAll(written("ospfd.conf"));
        assertTrue(files.size() >= 20, "expected FRR configs for the routers, found " + files.size());
        Path run = Files.createDirectories(temp.resolve("frr-run"));
        for (Path file : files) {
            Path daemon = file.getFileName().toString().startsWith("zebra") ? zebra : ospfd;
            // the daemon's own dry run: exit 0 is not enough, it reports unknown commands and goes on
            Tools.Result dry = Tools.run(List.of(daemon.toString(), "-C", "-f", file.toString(), "-i", run.resolve("d.pid").toString(),
                    "--vty_socket", run.toString(), "-z", run.resolve("zserv.api").toString()));
            assertTrue(dry.ok() && !dry.output().contains("No such command") && !dry.output().contains("Unknown command"),
                    daemon.getFileName() + " -C -f " + file + " refused it:\n" + dry.output());
            Tools.Result check = Tools.run(List.of(vtysh.toString(), "-C", "-f", file.toString()));
            assertTrue(check.ok(), "vtysh -C -f " + file + " refused it:\n" + check.output());
        }
        System.out.println("[frr] " + files.size() + " configs accepted by zebra/ospfd -C and vtysh -C");
    }

    @Test
    void frrDryRunCatchesAnUnknownCommand() throws IOException {
        Path ospfd = Tools.require("ospfd");
        Path vtysh = Tools.require("vtysh");
        Path bad = temp.resolve("bad-ospfd.conf");
        Files.writeString(bad, "router ospf\n no-such-frr-command 1\n");
        Path run = Files.createDirectories(temp.resolve("frr-run-bad"));
        Tools.Result dry = Tools.run(List.of(ospfd.toString(), "-C", "-f", bad.toString(), "-i", run.resolve("d.pid").toString(),
                "--vty_socket", run.toString(), "-z", run.resolve("zserv.api").toString()));
        Tools.Result check = Tools.run(List.of(vtysh.toString(), "-C", "-f", bad.toString()));
        assertTrue(dry.output().contains("No such command") || !check.ok(), "the FRR check would not notice a bad line:\n" + dry.output() + check.output());
    }

    static Stream<String> labs() {
        return Samples.names().stream();
    }
}
