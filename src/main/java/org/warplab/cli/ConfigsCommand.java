package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.warplab.config.ConfigChecks;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.config.ConfigTree;
import org.warplab.config.GeneratedFile;
import org.warplab.config.MipTunnel;
import org.warplab.config.SegmentTransport;
import org.warplab.config.StateFiles;
import org.warplab.io.IoProblems;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;
import org.warplab.model.SchemeKind;
import org.warplab.scheme.LabState;

/** {@code warplab configs LAB -o DIR}: every device's files for real tools, before and after each migration. */
final class ConfigsCommand implements Command {

    static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("-o", "--output", "--state", "--scheme", "--segment-transport",
            "--mip-tunnel", "--namespace-prefix");
    static final java.util.Set<String> SWITCHES = java.util.Set.of("--force", "--slow-convergence");

    @Override
    public String name() {
        return "configs";
    }

    @Override
    public String summary() {
        return "generate device configs (iproute2, nftables, FRR, radvd) for a lab";
    }

    @Override
    public String help() {
        return """
                Usage: warplab configs LAB.warplab.json -o DIR [--state before|after|both]
                                       [--scheme SCHEME] [--force]
                                       [--segment-transport vlan|vxlan] [--mip-tunnel ip6tnl|seg6]
                                       [--slow-convergence] [--namespace-prefix PREFIX]

                Writes the configuration of every device of the lab, for each state, as
                DIR/STATE/DEVICE/...: STATE is "before" (every VM where it starts) and
                "after-MIGRATION" once each migration is done. Each device directory has an
                ip -batch file, a sysctl file, the scheme's files (nftables rulesets and the
                location switch for network paging, radvd.conf and the binding cache for
                Mobile IPv6, VXLAN/VLAN plumbing for segmentation), FRR configs for routers,
                and a README with the order to apply them. DIR/STATE/_wiring builds the lab
                on network namespaces.

                Options:
                  -o, --output DIR         where to write (refused if not empty, unless --force)
                  --state S                before, after (every after-MIGRATION state) or both (default)
                  --scheme S               generate for another scheme of the lab: network-paging,
                                           segmentation, mobile-ipv6, none, l2-extension, routing-move
                  --force                  write into a non-empty DIR (files are replaced)
                  --segment-transport T    vlan (802.1Q, default) or vxlan (kernels without 802.1Q)
                  --mip-tunnel T           ip6tnl (default) or seg6 (kernels without ip6tnl)
                  --slow-convergence       FRR with default OSPF timers instead of the fast ones
                  --namespace-prefix P     namespace names in the wiring file (default "wl-")

                Exit codes: 0 written, 1 the lab (or the scheme chosen) is invalid and nothing
                was written, 2 bad arguments, unreadable lab, or DIR not writable.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        if (args.positionals().size() != 1) {
            throw new UsageException("name one lab file, e.g. warplab configs sample-labs/paging-paper.warplab.json -o out");
        }
        Optional<String> dirName = args.option("-o").or(() -> args.option("--output"));
        if (dirName.isEmpty()) {
            throw new UsageException("say where to write with -o DIR");
        }
        String stateChoice = args.option("--state").orElse("both");
        if (!List.of("before", "after", "both").contains(stateChoice)) {
            throw new UsageException("--state takes before, after or both, got '" + stateChoice + "'");
        }
        ConfigOptions options = ConfigOptions.DEFAULTS.withFastConvergence(!args.has("--slow-convergence"));
        Optional<String> transport = args.option("--segment-transport");
        if (transport.isPresent()) {
            options = options.withSegmentTransport(Arrays.stream(SegmentTransport.values()).filter(t -> t.key().equals(transport.get())).findFirst()
                    .orElseThrow(() -> new UsageException("--segment-transport takes vlan or vxlan, got '" + transport.get() + "'")));
        }
        Optional<String> tunnel = args.option("--mip-tunnel");
        if (tunnel.isPresent()) {
            options = options.withMipTunnel(Arrays.stream(MipTunnel.values()).filter(t -> t.key().equals(tunnel.get())).findFirst()
                    .orElseThrow(() -> new UsageException("--mip-tunnel takes ip6tnl or seg6, got '" + tunnel.get() + "'")));
        }
        Optional<String> prefix = args.option("--namespace-prefix");
        if (prefix.isPresent()) {
            if (!prefix.get().matches("[A-Za-z0-9_.-]{0,32}")) {
                throw new UsageException("--namespace-prefix takes letters, digits, '.', '-' and '_' (at most 32), got '" + prefix.get() + "'");
            }
            options = options.withNamespacePrefix(prefix.get());
        }
        Path file = Path.of(args.positionals().get(0));
        LoadedLab loaded;
        try {
            loaded = LabFiles.load(file);
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            return Cli.UNUSABLE;
        }
        Lab lab = loaded.lab();
        Optional<String> schemeName = args.option("--scheme");
        if (schemeName.isPresent()) {
            SchemeKind kind = Arrays.stream(SchemeKind.values()).filter(k -> k.key().equals(schemeName.get())).findFirst()
                    .orElseThrow(() -> new UsageException("--scheme takes one of " + Arrays.stream(SchemeKind.values()).map(SchemeKind::key)
                            .collect(Collectors.joining(", ")) + ", got '" + schemeName.get() + "'"));
            lab = lab.withScheme(kind);
        }
        List<Problem> problems = ConfigChecks.check(lab);
        if (LabValidator.hasErrors(problems)) {
            problems.forEach(p -> err.println(loaded.locate(p)));
            err.println(file + ": " + problems.stream().filter(Problem::isError).count() + " error(s); no configs written for scheme "
                    + lab.scheme().key());
            return Cli.INVALID;
        }
        problems.forEach(p -> err.println(loaded.locate(p)));
        List<StateFiles> states = new ArrayList<>();
        for (StateFiles s : ConfigGenerator.generateAll(lab, options)) {
            boolean before = s.state().equals(LabState.BEFORE);
            if (stateChoice.equals("both") || before == stateChoice.equals("before")) {
                states.add(s);
            }
        }
        if (states.isEmpty()) {
            err.println("warplab configs: " + file + " has no migration, so there is no 'after' state; use --state before"
                    + " (or add a migration to the lab)");
            return Cli.UNUSABLE;
        }
        Path dir = Path.of(dirName.get());
        try {
            if (!args.has("--force") && ConfigTree.isNonEmptyDirectory(dir)) {
                err.println("warplab configs: " + dir + " is not empty; use --force to write into it anyway, or choose an empty directory");
                return Cli.UNUSABLE;
            } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                err.println("warplab configs: " + dir + " exists and is not a directory");
                return Cli.UNUSABLE;
            }
            ConfigTree.write(states, dir);
        } catch (IOException e) {
            err.println("warplab configs: cannot write to " + dir + ": " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        out.println("Lab \"" + lab.name() + "\", scheme " + lab.scheme().key() + ", written to " + dir + ":");
        for (StateFiles s : states) {
            long devices = s.files().stream().map(GeneratedFile::device).distinct().count();
            out.printf("  %-14s %3d devices, %4d files%n", s.state() + "/", devices, s.files().size());
        }
        out.println("Each device's README.md gives the order to apply its files; " + states.get(0).state() + "/"
                + ConfigGenerator.WIRING_DEVICE + "/README.md builds the lab on network namespaces.");
        return Cli.OK;
    }
}
