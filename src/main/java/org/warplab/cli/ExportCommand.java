package org.warplab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.config.ConfigChecks;
import org.warplab.config.ConfigTree;
import org.warplab.export.ContainerlabExport;
import org.warplab.io.LabFileException;
import org.warplab.io.LabFiles;
import org.warplab.io.LoadedLab;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/** {@code warplab export containerlab LAB -o DIR}: the lab as a containerlab topology with its generated files and migration scripts. */
final class ExportCommand implements Command {

    static final Set<String> VALUE_OPTIONS = Set.of("-o", "--output", "--state", "--name");
    static final Set<String> SWITCHES = Set.of("--force");

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export a lab to another engine (containerlab)";
    }

    @Override
    public String help() {
        return """
                Usage: warplab export containerlab LAB.warplab.json -o DIR [--state before|after]
                                                  [--name NAME] [--force]

                Writes the lab as a containerlab lab: DIR/NAME.clab.yml (one node per lab node,
                FRR for routers and a small Linux image for hosts and VM stand-ins, the lab's
                links with the interface names of the generated configs), DIR/configs/ (every
                node's generated files, bound into its container and applied by its exec steps
                in the order live mode applies them), impairments.sh (link delay, jitter, loss
                and bandwidth with containerlab tools netem), one migrate-MIG.sh per migration
                (the switch live mode performs, through docker exec or kubectl exec) and a
                README (deploy with containerlab on one host, or with clabernetes on
                Kubernetes; what is and is not reproduced). Deploy it elsewhere: this command
                needs neither containerlab nor Docker.

                  --state S   the state the deployed lab starts in: before (default; the
                              migration scripts then perform the migrations) or after (the
                              state after the last migration)
                  --name N    the containerlab lab name; default from the lab file's name
                  --force     write into a DIR that is not empty

                Exit codes: 0 exported, 1 the lab has errors, 2 bad arguments, unreadable lab,
                or DIR not writable.
                """;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws UsageException {
        List<String> positionals = args.positionals();
        if (positionals.isEmpty() || !positionals.get(0).equals("containerlab")) {
            throw new UsageException("say which format: warplab export containerlab LAB.warplab.json -o DIR (containerlab is the one there is)");
        }
        if (positionals.size() != 2) {
            throw new UsageException("name one lab file, e.g. warplab export containerlab sample-labs/paging-paper.warplab.json -o clab");
        }
        Optional<String> dirName = args.option("-o").or(() -> args.option("--output"));
        if (dirName.isEmpty()) {
            throw new UsageException("say where to write with -o DIR");
        }
        String stateChoice = args.option("--state").orElse("before");
        ContainerlabExport.DeployState state = switch (stateChoice) {
            case "before" -> ContainerlabExport.DeployState.BEFORE;
            case "after" -> ContainerlabExport.DeployState.AFTER;
            default -> throw new UsageException("--state takes before or after, got '" + stateChoice + "'");
        };
        Path file = Path.of(positionals.get(1));
        String name = args.option("--name").orElse(ContainerlabExport.labName(file.getFileName().toString()));
        if (!name.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new UsageException("--name takes lowercase letters, digits and '-' (at most 40, starting with a letter), got '" + name + "'");
        }
        LoadedLab loaded;
        try {
            loaded = LabFiles.load(file);
        } catch (LabFileException e) {
            e.problems().forEach(err::println);
            return Cli.UNUSABLE;
        }
        Lab lab = loaded.lab();
        List<Problem> problems = ConfigChecks.check(lab);
        problems.forEach(p -> err.println(loaded.locate(p)));
        if (LabValidator.hasErrors(problems)) {
            err.println(file + ": " + problems.stream().filter(Problem::isError).count() + " error(s); nothing exported");
            return Cli.INVALID;
        }
        ContainerlabExport.Bundle bundle = ContainerlabExport.export(lab, name, state);
        Path dir = Path.of(dirName.get());
        int written;
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                err.println("warplab export: " + dir + " exists and is not a directory");
                return Cli.UNUSABLE;
            }
            if (!args.has("--force") && ConfigTree.isNonEmptyDirectory(dir)) {
                err.println("warplab export: " + dir + " is not empty; use --force to write into it anyway, or choose an empty directory");
                return Cli.UNUSABLE;
            }
            written = ContainerlabExport.write(bundle, dir);
        } catch (IOException e) {
            err.println("warplab export: cannot write to " + dir + ": " + e.getMessage());
            return Cli.UNUSABLE;
        }
        out.println("Lab \"" + lab.name() + "\" exported for containerlab to " + dir + " (" + written + " files): "
                + bundle.topology().nodes().size() + " nodes, " + bundle.topology().links().size() + " links, state " + state.key());
        out.println("Deploy: cd " + dir + " && sudo containerlab deploy -t " + bundle.topologyFile() + "   (README.md has the rest)");
        bundle.notes().forEach(n -> out.println("note: " + n));
        return Cli.OK;
    }
}
