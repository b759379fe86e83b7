package org.warplab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validator's checks of the nodes: ids and names, each data center's LAN and gateway, each VM and client, and the
 * settings that concern several nodes (gateway MACs across data centers, VM addresses).
 */
final class NodeRules extends ValidationRules {

    NodeRules(Lab lab, List<Problem> problems, Map<String, Integer> nodeIndex) {
        super(lab, problems, nodeIndex);
    }

    @Override
    void check() {
        Set<String> linkIds = new HashSet<>();
        lab.links().forEach(l -> linkIds.add(l.id()));
        for (int i = 0; i < lab.nodes().size(); i++) {
            Node node = lab.nodes().get(i);
            String at = "nodes[" + i + "]";
            if (!LabValidator.ID_PATTERN.matcher(node.id()).matches()) {
                error(node.id(), at + ".id", "'" + node.id() + "' is not a usable id",
                        "start with a letter; use letters, digits, '-' and '_'; at most 16 characters");
            } else if (nodeIndex.putIfAbsent(node.id(), i) != null) {
                error(node.id(), at + ".id", "the id '" + node.id() + "' is used by another node too", "give each node its own id");
            } else if (linkIds.contains(node.id())) {
                error(node.id(), at + ".id", "the id '" + node.id() + "' is also a link's id", "ids are shared by nodes and links; rename one");
            }
            if (node.name().isBlank()) {
                error(node.id(), at + ".name", "node '" + node.id() + "' has no name", "give it the name to show on the canvas");
            }
        }
        List<DataCenter> dataCenters = new ArrayList<>();
        for (int i = 0; i < lab.nodes().size(); i++) {
            Node node = lab.nodes().get(i);
            String at = "nodes[" + i + "]";
            if (node instanceof DataCenter dc) {
                checkDataCenter(dc, at);
                dataCenters.add(dc);
            } else if (node instanceof Vm vm) {
                checkVm(vm, at);
            } else if (node instanceof Client client) {
                checkClient(client, at);
            }
        }
        checkGatewayMacs(dataCenters);
        checkDuplicateVmAddresses();
    }

    private void checkDataCenter(DataCenter dc, String at) {
        if (dc.lanPrefixes().isEmpty()) {
            error(dc.id(), at + ".lanPrefixes", "data center '" + dc.id() + "' has no LAN prefix",
                    "add its server subnet, e.g. 172.16.0.0/16");
        }
        Set<IpFamily> families = new HashSet<>();
        for (int p = 0; p < dc.lanPrefixes().size(); p++) {
            IpPrefix prefix = dc.lanPrefixes().get(p);
            if (!families.add(prefix.family())) {
                error(dc.id(), at + ".lanPrefixes[" + p + "]", "data center '" + dc.id() + "' has two " + prefix.family().label() + " LAN prefixes",
                        "keep one prefix per address family");
            }
        }
        for (int g = 0; g < dc.gatewayAddresses().size(); g++) {
            IpAddress gateway = dc.gatewayAddresses().get(g);
            if (dc.lanPrefix(gateway.family()).filter(p -> p.contains(gateway)).isEmpty()) {
                error(dc.id(), at + ".gateway.addresses[" + g + "]", "gateway " + gateway + " of '" + dc.id() + "' is not in its LAN prefix",
                        "use an address inside " + dc.lanPrefix(gateway.family()).map(IpPrefix::toString).orElse("a LAN prefix of the same family"));
            }
        }
        for (IpPrefix prefix : dc.lanPrefixes()) {
            if (dc.gatewayAddress(prefix.family()).isEmpty()) {
                error(dc.id(), at + ".gateway.addresses", "data center '" + dc.id() + "' has no " + prefix.family().label() + " gateway for " + prefix,
                        "add a gateway address, e.g. " + prefix.host(1));
            }
        }
        if (dc.gatewayMac().isMulticast()) {
            error(dc.id(), at + ".gateway.mac", "gateway MAC " + dc.gatewayMac() + " of '" + dc.id() + "' is a multicast address",
                    "use a unicast MAC (even first byte), e.g. 02:00:00:00:00:01");
        }
    }

    private void checkVm(Vm vm, String at) {
        Node host = lab.node(vm.dataCenter()).orElse(null);
        if (!(host instanceof DataCenter dc)) {
            error(vm.id(), at + ".dataCenter", host == null
                    ? "VM '" + vm.id() + "' is in data center '" + vm.dataCenter() + "', which does not exist"
                    : "VM '" + vm.id() + "' is placed in '" + vm.dataCenter() + "', which is a " + host.kind().label() + ", not a data center",
                    "place every VM inside a data center");
        } else {
            for (int a = 0; a < vm.addresses().size(); a++) {
                IpAddress address = vm.addresses().get(a);
                if (dc.lanPrefix(address.family()).filter(p -> p.contains(address)).isEmpty()) {
                    error(vm.id(), at + ".addresses[" + a + "]", "address " + address + " of VM '" + vm.id() + "' is not in the LAN of '" + dc.id() + "'",
                            "use an address inside " + dc.lanPrefix(address.family()).map(IpPrefix::toString).orElse("a LAN prefix of " + dc.id()));
                }
            }
        }
        if (vm.addresses().isEmpty()) {
            error(vm.id(), at + ".addresses", "VM '" + vm.id() + "' has no address", "give it an address in its data center's LAN");
        }
        if (vm.mac().isMulticast()) {
            error(vm.id(), at + ".mac", "MAC " + vm.mac() + " of VM '" + vm.id() + "' is a multicast address",
                    "use a unicast MAC (even first byte), e.g. 52:54:00:12:34:56");
        }
        if (vm.memoryMiB() < 16) {
            error(vm.id(), at + ".memoryMiB", "VM '" + vm.id() + "' has " + vm.memoryMiB() + " MiB of memory", "give it at least 16 MiB");
        }
        if (vm.diskGiB() < 0) {
            error(vm.id(), at + ".diskGiB", "VM '" + vm.id() + "' has a negative disk size", "use 0 or more GiB");
        }
        if (vm.dirtyPagesPerSecond() < 0) {
            error(vm.id(), at + ".dirtyPagesPerSecond", "VM '" + vm.id() + "' has a negative page-dirty rate", "use 0 or more pages per second");
        }
    }

    private void checkClient(Client client, String at) {
        if (client.addresses().isEmpty()) {
            error(client.id(), at + ".addresses", "client '" + client.id() + "' has no address", "give it an address with its site prefix, e.g. 10.1.0.10/24");
        }
        for (int g = 0; g < client.gateways().size(); g++) {
            IpAddress gateway = client.gateways().get(g);
            if (client.address(gateway.family()).filter(a -> a.subnet().contains(gateway)).isEmpty()) {
                error(client.id(), at + ".gateways[" + g + "]", "gateway " + gateway + " of client '" + client.id() + "' is not on its site",
                        "use the client-edge router's address in " + client.address(gateway.family()).map(a -> a.subnet().toString()).orElse("the client's site prefix"));
            }
        }
        for (InterfaceAddress address : client.addresses()) {
            if (client.gateway(address.family()).isEmpty()) {
                error(client.id(), at + ".gateways", "client '" + client.id() + "' has no " + address.family().label() + " gateway",
                        "add the client-edge router's address on " + address.subnet() + ", e.g. " + address.subnet().host(1));
            }
        }
    }

    private void checkGatewayMacs(List<DataCenter> dataCenters) {
        if (lab.scheme() == SchemeKind.SEGMENTATION || lab.migrations().isEmpty()) {
            return;
        }
        for (int i = 1; i < dataCenters.size(); i++) {
            DataCenter first = dataCenters.get(0);
            DataCenter other = dataCenters.get(i);
            boolean shareLan = first.lanPrefixes().stream().anyMatch(other.lanPrefixes()::contains);
            if (shareLan && !first.gatewayMac().equals(other.gatewayMac())) {
                warning(other.id(), "nodes[" + nodeIndex.getOrDefault(other.id(), 0) + "].gateway.mac",
                        "gateway MAC of '" + other.id() + "' (" + other.gatewayMac() + ") differs from '" + first.id() + "' (" + first.gatewayMac() + ")",
                        "paper 000: the moved VM \"will probably try to use the old gateway first and will fail to communicate through it\" (§V.G: about 30 s"
                                + " to recover with VMware; §VI: several seconds). In a run the VM keeps the old gateway's MAC, which this gateway refuses, until it"
                                + " resolves the gateway again: within milliseconds when this gateway asks for the VM's MAC, seconds when it already knows the VM"
                                + " (the VM coming back): then Linux's unreachability detection gives up on the old MAC only after 5 s and 3 probes 1 s apart, longer"
                                + " if the entry was confirmed in the last 15-45 s. Give both gateways the same IP and MAC");
            }
        }
    }

    private void checkDuplicateVmAddresses() {
        if (lab.scheme() == SchemeKind.SEGMENTATION) {
            return; // identical addresses in different segments are the point; checked per segment below
        }
        Map<IpAddress, Vm> seen = new HashMap<>();
        for (Vm vm : lab.vms()) {
            for (int a = 0; a < vm.addresses().size(); a++) {
                Vm previous = seen.putIfAbsent(vm.addresses().get(a), vm);
                if (previous != null) {
                    error(vm.id(), nodePath(vm.id()) + ".addresses[" + a + "]",
                            "VMs '" + previous.id() + "' and '" + vm.id() + "' share the address " + vm.addresses().get(a),
                            "give each VM its own address, or use segmentation to keep tenants apart");
                }
            }
        }
    }
}
