package org.warplab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigTree;
import org.warplab.config.ConfigOptions;
import org.warplab.config.GeneratedFile;
import org.warplab.config.StateFiles;
import org.warplab.io.IoProblems;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.scheme.LabState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab configs LAB -o DIR}: every device's files for real tools, before and after each migration. */
@Command(name = "configs", description = {
    "Generate device configs (iproute2, nftables, FRR, radvd) for a lab.",
    "",
    "Writes the configuration of every device of the lab, for each state, as DIR/STATE/DEVICE/...: STATE is \"before\" "
        + "(every VM where it starts) and \"after-MIGRATION\" once each migration is done. Each device directory has an ip "
        + "-batch file, a sysctl file, the scheme's files (nftables rulesets and the location switch for network paging, "
        + "radvd.conf and the binding cache for Mobile IPv6, VXLAN/VLAN plumbing for segmentation), FRR configs for routers, "
        + "and a README with the order to apply them. DIR/STATE/_wiring builds the lab on network namespaces."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:the lab (or the scheme chosen) is invalid and nothing was written",
            "2:bad arguments, unreadable lab, or DIR not writable"})
final class ConfigsCommand extends HeadlessCommand {

    @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to generate the configs of.")
    List<Path> files = List.of();

    @Mixin
    RunOptions.OutputDirectory output;

    @Option(names = "--state", paramLabel = "S", defaultValue = "both",
            description = "before, after (every after-MIGRATION state) or both (default).")
    String stateChoice;

    @Mixin
    RunOptions.SchemeChoice scheme;

    @Mixin
    RunOptions.KernelVariants variants;

    @Option(names = "--slow-convergence", description = "FRR with default OSPF timers instead of the fast ones.")
    boolean slowConvergence;

    @Option(names = "--namespace-prefix", paramLabel = "P", description = "Namespace names in the wiring file (default \"wl-\").")
    String namespacePrefix;

    @Override
    int run() throws UsageException, LabArgument.Refused {
        Path file = LabArgument.one("configs", files);
        Path dir = output.required();
        if (!List.of("before", "after", "both").contains(stateChoice)) {
            throw new UsageException("--state takes before, after or both, got '" + stateChoice + "'");
        }
        ConfigOptions options = variants.applyTo(ConfigOptions.DEFAULTS.withFastConvergence(!slowConvergence));
        if (namespacePrefix != null) {
            if (!namespacePrefix.matches("[A-Za-z0-9_.-]{0,32}")) {
                throw new UsageException("--namespace-prefix takes letters, digits, '.', '-' and '_' (at most 32), got '" + namespacePrefix + "'");
            }
            options = options.withNamespacePrefix(namespacePrefix);
        }
        LoadedLab loaded = LabArgument.readable(file, err);
        Lab lab = scheme.scheme == null ? loaded.lab() : loaded.lab().withScheme(scheme.scheme);
        LabArgument.configurable(loaded, lab, "no configs written for scheme " + lab.scheme().key(), err);
        List<StateFiles> states = new ArrayList<>();
        for (StateFiles s : ConfigGenerator.generateAll(lab, options)) {
            boolean before = s.state().equals(LabState.BEFORE);
            if (stateChoice.equals("both") || before == stateChoice.equals("before")) {
                states.add(s);
            }
        }
        if (states.isEmpty()) {
            err.println(name() + ": " + file + " has no migration, so there is no 'after' state; use --state before"
                    + " (or add a migration to the lab)");
            return Cli.UNUSABLE;
        }
        try {
            Optional<String> refusal = output.refusal(name());
            if (refusal.isPresent()) {
                err.println(refusal.get());
                return Cli.UNUSABLE;
            }
            ConfigTree.write(states, dir);
        } catch (IOException e) {
            err.println(name() + ": cannot write to " + dir + ": " + IoProblems.describe(e));
            return Cli.UNUSABLE;
        }
        out.println("Lab \"" + lab.name() + "\", scheme " + lab.scheme().key() + ", written to " + dir + ":");
        for (StateFiles s : states) {
            long devices = s.files().stream().map(GeneratedFile::device).distinct().count();
            out.printf(Locale.ROOT, "  %-14s %3d devices, %4d files%n", s.state() + "/", devices, s.files().size());
        }
        out.println("Each device's README.md gives the order to apply its files; " + states.get(0).state() + "/"
                + ConfigGenerator.WIRING_DEVICE + "/README.md builds the lab on network namespaces.");
        return Cli.OK;
    }
}
