package org.warplab.export;

import java.util.List;
import org.warplab.model.Lab;

/** The README of an export: how to deploy it with containerlab or clabernetes, and what is and is not reproduced. */
final class ExportReadme {

    private ExportReadme() {
    }

    static String text(Lab lab, String name, String state, ClabTopology topology, List<String> scripts, boolean toolsImage, List<String> notes) {
        StringBuilder t = new StringBuilder();
        t.append("# ").append(lab.name().replaceAll("[\\r\\n]+", " ")).append(" — containerlab export\n\n");
        t.append("Exported by WarpLab from the lab's own generated files (the ones live mode applies), deployed in state **")
                .append(state).append("**: ").append(topology.nodes().size()).append(" nodes, ").append(topology.links().size()).append(" links.\n\n");
        t.append("| file | what it is |\n|---|---|\n");
        t.append("| `").append(name).append(".clab.yml` | the topology: one `linux` node per lab node, the lab's links with the interface names of the generated files |\n");
        t.append("| `").append(ContainerlabExport.CONFIG_DIR).append("/STATE/NODE/` | each node's generated files, bound read-only at `")
                .append(ContainerlabExport.CONTAINER_ROOT).append("/STATE/NODE` and applied by the node's `exec` steps |\n");
        t.append("| `impairments.sh` | link delay, jitter, loss and bandwidth with `containerlab tools netem set` |\n");
        for (String script : scripts) {
            t.append("| `").append(script).append("` | the network side of that migration, on the deployed lab |\n");
        }
        if (toolsImage) {
            t.append("| `").append(ContainerlabExport.ROUTER_TOOLS_DOCKERFILE).append("` | FRR's image plus nftables and radvd, for the routers that translate or advertise |\n");
        }
        t.append("\n## Deploy on one host (containerlab)\n\n```sh\n");
        if (toolsImage) {
            t.append("docker build -t ").append(ContainerlabExport.ROUTER_TOOLS_IMAGE).append(" images/frr-tools\n");
        }
        t.append("sudo containerlab deploy -t ").append(name).append(".clab.yml\n");
        t.append("sudo ./impairments.sh\n");
        for (String script : scripts) {
            t.append("sudo ./").append(script).append("\n");
        }
        t.append("sudo containerlab destroy -t ").append(name).append(".clab.yml\n```\n\n");
        t.append("Between the steps, watch a client reach a VM, e.g. `docker exec clab-").append(name).append("-CLIENT ping ADDRESS`.\n\n");
        t.append("## Deploy on Kubernetes (clabernetes)\n\n");
        t.append("```sh\n");
        if (toolsImage) {
            t.append("# push ").append(ContainerlabExport.ROUTER_TOOLS_IMAGE).append(" to a registry the cluster pulls from, and name it in the topology\n");
        }
        t.append("containerlab --runtime c9s deploy -t ").append(name).append(".clab.yml   # or clabverter, then kubectl apply\n");
        for (String script : scripts) {
            t.append("WARPLAB_KUBE_NAMESPACE=c9s-").append(name).append(" ./").append(script).append("\n");
        }
        t.append("```\n\n");
        t.append("The scripts reach a node as `kubectl exec -n c9s-").append(name).append(" deploy/").append(name)
                .append("-NODE -- docker exec NODE ...`; impairments are set the same way with `tc` if the cluster has no `containerlab tools`.\n\n");
        t.append("## What is reproduced\n\n");
        t.append("- The topology, addresses, MTUs, bridges, VLAN/VXLAN segments, tunnels, routes, nftables translation and router advertisements: ")
                .append("the same generated files live mode applies, applied in the same order, nothing re-typed.\n");
        t.append("- Each migration's network change: the VM's port on the destination LAN, its interface and addresses there, an announcement, and the ")
                .append("scheme's switch (the client edge's `switch-MIG.nft`, the Mobile IPv6 binding files, segment learning).\n");
        t.append("- Link delay, jitter, loss and bandwidth, as netem on both ends of each link.\n\n");
        t.append("## What is not\n\n");
        t.append("- The VM's memory transfer, pause and downtime: a container stands in for the VM and moves at once (WarpLab's emulator and live ")
                .append("mode with QEMU measure those).\n");
        t.append("- The agents live mode runs (announcement watcher, switcher, Mobile IPv6 home agent and mobile node): the scripts apply the ")
                .append("files those agents apply, in their order, without the signalling that triggers them; so switching times are not measured here.\n");
        t.append("- The hypervisor's RARP: the scripts send a gratuitous ARP (`arping -U`) from the VM instead.\n");
        t.append("- containerlab's management network: every node has `network-mode: none`, because the lab's hosts set their own default ")
                .append("routes (a management default route would clash and give every node a second path), and a VM's own interface is `eth0`. ")
                .append("Reach nodes with `docker exec`.\n");
        t.append("- Live mode disables IPv6 DAD before the interfaces exist; containerlab creates the link interfaces first, so IPv6 addresses ")
                .append("on them pass DAD once (about a second) after deploy.\n");
        t.append("- Segments use 802.1Q and Mobile IPv6 uses ip6tnl: the host kernel needs the 8021q and ip6_tunnel modules (and sch_netem for impairments).\n");
        for (String note : notes) {
            t.append("- ").append(note).append(".\n");
        }
        return t.toString();
    }
}
