package org.warplab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.config.ConfigOptions;
import org.warplab.export.ContainerlabExport;
import org.warplab.io.IoProblems;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warplab export containerlab LAB -o DIR}: the lab as a containerlab topology with its generated files and migration scripts. */
@Command(name = "export", subcommands = ExportCommand.Containerlab.class, commandListHeading = "%nFormats:%n",
        description = "Export a lab to another engine (containerlab).")
final class ExportCommand extends HeadlessCommand {

    @Override
    int run() throws UsageException {
        throw new UsageException(WHICH_FORMAT);
    }

    private static final String WHICH_FORMAT =
            "say which format: warplab export containerlab LAB.warplab.json -o DIR (containerlab is the one there is)";

    @Override
    String notAnAction(String word) {
        return "'" + word + "' is not an export format; " + WHICH_FORMAT;
    }

    @Command(name = "containerlab", description = {
        "The lab as a containerlab topology, its configs and migration scripts.",
        "",
        "Writes the lab as a containerlab lab: DIR/NAME.clab.yml (one node per lab node, FRR for routers and a small Linux image "
            + "for hosts and VM stand-ins, the lab's links with the interface names of the generated configs), DIR/configs/ (every "
            + "node's generated files, bound into its container and applied by its exec steps in the order live mode applies them), "
            + "impairments.sh (link delay, jitter, loss and bandwidth with containerlab tools netem), one migrate-MIG.sh per "
            + "migration (the switch live mode performs, through docker exec or kubectl exec) and a README (deploy with containerlab "
            + "on one host, or with clabernetes on Kubernetes; what is and is not reproduced). Deploy it elsewhere: this command "
            + "needs neither containerlab nor Docker."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:exported", "1:the lab has errors", "2:bad arguments, unreadable lab, or DIR not writable"})
    static final class Containerlab extends HeadlessCommand {

        @Parameters(paramLabel = "LAB.warplab.json", arity = "0..*", description = "The lab to export.")
        List<Path> files = List.of();

        @Mixin
        RunOptions.OutputDirectory output;

        @Option(names = "--state", paramLabel = "S", defaultValue = "before", description = "The state the deployed lab starts in: before "
                + "(default; the migration scripts then perform the migrations) or after (the state after the last migration).")
        String stateChoice;

        @Option(names = "--name", paramLabel = "N", description = "The containerlab lab name; default from the lab file's name.")
        String labName;

        /** Containers share the host's kernel: vxlan segments without its 8021q module, seg6 without ip6_tunnel. */
        @Mixin
        RunOptions.KernelVariants variants;

        @Override
        int run() throws UsageException, LabArgument.Refused {
            if (files.size() != 1) {
                throw new UsageException("name one lab file, e.g. warplab export containerlab sample-labs/paging-paper.warplab.json -o clab");
            }
            Path dir = output.required();
            ContainerlabExport.DeployState state = switch (stateChoice) {
                case "before" -> ContainerlabExport.DeployState.BEFORE;
                case "after" -> ContainerlabExport.DeployState.AFTER;
                default -> throw new UsageException("--state takes before or after, got '" + stateChoice + "'");
            };
            Path file = files.get(0);
            String name = labName != null ? labName : ContainerlabExport.labName(String.valueOf(file.getFileName()));
            if (!name.matches("[a-z][a-z0-9-]{0,39}")) {
                throw new UsageException("--name takes lowercase letters, digits and '-' (at most 40, starting with a letter), got '" + name + "'");
            }
            LoadedLab loaded = LabArgument.readable(file, err);
            Lab lab = loaded.lab();
            LabArgument.configurable(loaded, lab, "nothing exported", err);
            ContainerlabExport.Bundle bundle = ContainerlabExport.export(lab, name, state, variants.applyTo(ConfigOptions.DEFAULTS));
            int written;
            try {
                Optional<String> refusal = output.refusal(name());
                if (refusal.isPresent()) {
                    err.println(refusal.get());
                    return Cli.UNUSABLE;
                }
                written = ContainerlabExport.write(bundle, dir);
            } catch (IOException e) {
                err.println(name() + ": cannot write to " + dir + ": " + IoProblems.describe(e));
                return Cli.UNUSABLE;
            }
            out.println("Lab \"" + lab.name() + "\" exported for containerlab to " + dir + " (" + written + " files): "
                    + bundle.topology().nodes().size() + " nodes, " + bundle.topology().links().size() + " links, state " + state.key());
            out.println("Deploy: cd " + dir + " && sudo containerlab deploy -t " + bundle.topologyFile() + "   (README.md has the rest)");
            bundle.notes().forEach(n -> out.println("note: " + n));
            return Cli.OK;
        }
    }
}
