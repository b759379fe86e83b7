package org.warplab.export;

import java.util.List;
import org.warplab.config.GeneratedFile;
import org.warplab.config.MobileIpv6Files;
import org.warplab.config.StateFiles;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.LabState;

/**
 * {@code migrate-MIG.sh}: on a deployed export, the network side of one migration as live mode
 * performs it, from the generated files of the state after it: the VM's port on the destination
 * LAN, the VM's interface and addresses there, its announcement, then the scheme's switch
 * (the client edges' {@code switch-MIG.nft}; the care-of address and both ends of the Mobile IPv6
 * binding; nothing for segmentation, whose bridges learn the VM from its announcement). Commands
 * reach the nodes through {@code docker exec}, {@code kubectl exec} (clabernetes), or {@code ip
 * netns exec} (WarpLab's own round-trip test).
 */
final class MigrationScript {

    private MigrationScript() {
    }

    static String of(Lab lab, String name, LabState after, StateFiles files) {
        Migration migration = after.migration().orElseThrow();
        Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
        String from = after.previous().orElseThrow().of(vm.id());
        String state = after.name();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/sh\n");
        s.append("# ").append(migration.id()).append(": ").append(vm.id()).append(' ').append(from).append(" -> ").append(migration.to())
                .append(" (lab \"").append(lab.name().replaceAll("[\\r\\n\"]+", " ")).append("\", scheme ").append(lab.scheme().key()).append(")\n");
        s.append("# The network side of this migration as WarpLab's live mode performs it, from the files of state ").append(state).append(".\n");
        s.append("# Run after deploy and after the migrations before this one. Nodes are reached with\n");
        s.append("#   docker exec (default) | kubectl exec when WARPLAB_KUBE_NAMESPACE is set (clabernetes)\n");
        s.append("#   | ip netns exec when WARPLAB_NETNS_PREFIX is set (with WARPLAB_DIR=<export>/configs; WarpLab's round-trip test)\n");
        s.append("set -eu\n");
        s.append("LAB=").append(name).append('\n');
        s.append("W=${WARPLAB_DIR:-").append(ContainerlabExport.CONTAINER_ROOT).append("}\n");
        s.append("""
                on() {
                  node=$1; shift
                  if [ -n "${WARPLAB_NETNS_PREFIX:-}" ]; then ip netns exec "$WARPLAB_NETNS_PREFIX$node" "$@"
                  elif [ -n "${WARPLAB_KUBE_NAMESPACE:-}" ]; then kubectl exec -i -n "$WARPLAB_KUBE_NAMESPACE" "deploy/$LAB-$node" -- docker exec -i "$node" "$@"
                  else docker exec -i "clab-$LAB-$node" "$@"; fi
                }
                """);
        String vmDir = "\"$W/" + state + "/" + vm.id() + "/";
        s.append("\n# 1. the VM's kernel settings of the new state (before its interface there is up)\n");
        s.append("on ").append(vm.id()).append(" sysctl -q -p ").append(vmDir).append("sysctl.conf\"\n");
        String port = InterfaceNames.vmPort(vm.id());
        String portLine = lines(files, migration.to(), "ip.batch").stream().filter(l -> l.startsWith("link set dev " + port + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated " + migration.to() + "/ip.batch does not attach " + port));
        s.append("\n# 2. the VM's port on ").append(migration.to()).append("'s LAN, the line of ").append(state).append('/').append(migration.to())
                .append("/ip.batch\n");
        s.append("printf '%s\\n' ").append(quote(portLine)).append(" | on ").append(migration.to()).append(" ip -batch -\n");
        String eth = InterfaceNames.VM_INTERFACE;
        String leaving = InterfaceNames.vmStandbyPort(from);
        String arriving = InterfaceNames.vmStandbyPort(migration.to());
        s.append("\n# 3. the VM leaves ").append(from).append(" (its interface there goes down, kept as ").append(leaving)
                .append(") and takes the one toward ").append(migration.to()).append(" as ").append(eth).append(";\n");
        s.append("#    live mode moves one veth instead: containerlab's links are fixed when the lab is deployed\n");
        s.append("printf '%s\\n' ").append(String.join(" ", List.of(quote("link set dev " + eth + " down"), quote("address flush dev " + eth),
                quote("link set dev " + eth + " name " + leaving), quote("link set dev " + arriving + " down"),
                quote("link set dev " + arriving + " name " + eth)))).append(" | on ").append(vm.id()).append(" ip -batch -\n");
        if (has(files, vm.id(), InterfaceDefaults.FILE)) {
            s.append("on ").append(vm.id()).append(" sysctl -q -p ").append(vmDir).append(InterfaceDefaults.FILE).append("\"  # named as they are now\n");
        }
        s.append("on ").append(vm.id()).append(" ip -batch ").append(vmDir).append("ip.batch\"\n");
        if (has(files, vm.id(), "sysctl-interfaces.conf")) {
            s.append("on ").append(vm.id()).append(" sysctl -q -p ").append(vmDir).append("sysctl-interfaces.conf\"\n");
        }
        vm.address(IpFamily.IPV4).ifPresent(address -> {
            s.append("\n# 4. the announcement from the destination (the hypervisor's RARP in live mode; a gratuitous ARP here)\n");
            s.append("on ").append(vm.id()).append(" arping -U -c 1 -I ").append(eth).append(' ').append(address).append('\n');
        });
        s.append("\n# 5. the switch\n");
        switchSteps(lab, migration, vm, state, files, s);
        s.append("echo '").append(migration.id()).append(": ").append(vm.id()).append(" is in ").append(migration.to()).append("'\n");
        return s.toString();
    }

    private static void switchSteps(Lab lab, Migration migration, Vm vm, String state, StateFiles files, StringBuilder s) {
        if (lab.scheme() == SchemeKind.NETWORK_PAGING) {
            String switchFile = "nft/switch-" + migration.id() + ".nft";
            files.files().stream().filter(f -> f.relativePath().equals(switchFile)).map(GeneratedFile::device).forEach(edge ->
                    s.append("on ").append(edge).append(" nft -f \"$W/").append(state).append('/').append(edge).append('/').append(switchFile)
                            .append("\"  # the client edge's one-element location switch\n"));
        } else if (lab.scheme() == SchemeKind.MOBILE_IPV6) {
            MobileIpv6 config = lab.schemeConfig(MobileIpv6.class).orElseThrow();
            String ha = config.homeAgent();
            String vmDir = "\"$W/" + state + "/" + vm.id() + "/";
            String haDir = "\"$W/" + state + "/" + ha + "/";
            if (migration.to().equals(config.homeNetwork())) {
                s.append("# home again: the home agent ends the binding, then the mobile node drops what is left of it\n");
                s.append("on ").append(ha).append(" ip -batch ").append(haDir).append(MobileIpv6Files.homeAgentDeregistration(vm.id())).append("\"\n");
                s.append("on ").append(vm.id()).append(" ip -batch ").append(vmDir).append(MobileIpv6Files.DEREGISTRATION).append("\"\n");
            } else {
                s.append("# the signalling is not run (router advertisement, DAD, Binding Update/Acknowledgement): each side applies\n");
                s.append("# the file its agent applies in live mode, in the protocol's order\n");
                s.append("on ").append(vm.id()).append(" ip -batch ").append(vmDir).append(MobileIpv6Files.CARE_OF).append("\"\n");
                s.append("on ").append(ha).append(" ip -batch ").append(haDir).append(MobileIpv6Files.homeAgentBinding(vm.id())).append("\"\n");
                s.append("on ").append(vm.id()).append(" ip -batch ").append(vmDir).append(MobileIpv6Files.MOBILE_NODE_BINDING).append("\"\n");
            }
        } else if (lab.scheme() == SchemeKind.SEGMENTATION) {
            s.append("# none: the segment's bridges learn the VM's new place from its announcement\n");
        } else {
            s.append("# none: with no scheme nothing follows the VM (its traffic is lost, as the lab shows)\n");
        }
    }

    private static List<String> lines(StateFiles files, String device, String path) {
        return files.files().stream().filter(f -> f.device().equals(device) && f.relativePath().equals(path)).findFirst()
                .map(f -> f.content().lines().toList()).orElse(List.of());
    }

    private static boolean has(StateFiles files, String device, String path) {
        return files.files().stream().anyMatch(f -> f.device().equals(device) && f.relativePath().equals(path));
    }

    /** A single-quoted shell word (the generated lines contain no single quote; one is escaped all the same). */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
