package org.warplab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validator's checks of the run plan: each migration (a VM, a reachable destination, a management link, times
 * within the run), migrations of one VM at one instant, and the probe flows.
 */
final class MigrationRules extends ValidationRules {

    MigrationRules(Lab lab, List<Problem> problems, Map<String, Integer> nodeIndex) {
        super(lab, problems, nodeIndex);
    }

    @Override
    void check() {
        checkMigrations();
        checkSameTimeMigrations();
        checkTraffic();
    }

    private void checkMigrations() {
        Map<String, String> location = new HashMap<>();
        lab.vms().forEach(vm -> location.put(vm.id(), vm.dataCenter()));
        Set<String> ids = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lab.migrations().size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Long.compare(lab.migrations().get(x).atNs(), lab.migrations().get(y).atNs()));
        for (int i : order) {
            Migration migration = lab.migrations().get(i);
            String at = "migrations[" + i + "]";
            if (!LabValidator.ID_PATTERN.matcher(migration.id()).matches() || !ids.add(migration.id())) {
                error(migration.id(), at + ".id", "migration id '" + migration.id() + "' is not usable or not unique", "give each migration its own short id, e.g. M1");
            }
            Vm vm = lab.node(migration.vm(), Vm.class).orElse(null);
            if (vm == null) {
                error(migration.id(), at + ".vm", "migration '" + migration.id() + "' moves '" + migration.vm() + "', which is not a VM of this lab", "name a VM");
            }
            DataCenter to = lab.node(migration.to(), DataCenter.class).orElse(null);
            if (to == null) {
                error(migration.id(), at + ".to", "migration '" + migration.id() + "' goes to '" + migration.to() + "', which is not a data center", "name a data center");
            }
            if (vm != null && to != null) {
                String from = location.get(vm.id());
                if (lab.node(from, DataCenter.class).isEmpty()) {
                    location.put(vm.id(), to.id()); // the VM's own placement is reported with the VM
                } else if (from.equals(to.id())) {
                    error(migration.id(), at + ".to", "migration '" + migration.id() + "' moves '" + vm.id() + "' to '" + to.id() + "', where it already is", "choose another data center");
                } else {
                    if (lab.links().stream().noneMatch(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(to.id()))) {
                        error(migration.id(), at + ".to", "no management link joins '" + from + "' and '" + to.id() + "' for migration '" + migration.id() + "'",
                                "add a management link between the two data centers; it carries the VM's memory and disk");
                    }
                    lab.node(from, DataCenter.class).ifPresent(source -> {
                        for (IpAddress address : vm.addresses()) {
                            if (to.lanPrefix(address.family()).filter(p -> p.contains(address)).isEmpty()
                                    && lab.scheme() != SchemeKind.MOBILE_IPV6 && lab.scheme() != SchemeKind.ROUTING_MOVE
                                    && lab.scheme() != SchemeKind.L2_EXTENSION) { // those three carry the address to wherever the VM is
                                warning(migration.id(), at + ".to", "'" + to.id() + "' has no LAN prefix holding " + address + " of '" + vm.id() + "'",
                                        "the VM keeps its address, which nothing routes to '" + to.id() + "': it will be unreachable after the move;"
                                                + " give '" + to.id() + "' the same LAN prefix as '" + source.id() + "'");
                            }
                        }
                    });
                    location.put(vm.id(), to.id());
                }
            }
            if (migration.atNs() < 0 || migration.atNs() >= lab.durationNs()) {
                error(migration.id(), at + ".atMs", "migration '" + migration.id() + "' starts at " + millis(migration.atNs()) + " ms, outside the run (0-" + millis(lab.durationNs()) + " ms)",
                        "start it within the run, or lengthen the run duration");
            }
            if (migration.downtimeLimitNs() <= 0) {
                error(migration.id(), at + ".downtimeLimitMs", "the downtime limit must be positive", "use e.g. 300 ms");
            }
            if (migration.bandwidthCapBps() < 0) {
                error(migration.id(), at + ".bandwidthCapMbps", "the bandwidth cap must not be negative", "use 0 for no cap");
            }
            if (migration.maxRounds() < 1) {
                error(migration.id(), at + ".maxRounds", "a live migration needs at least one round", "use e.g. 30");
            }
        }
    }

    /**
     * Two migrations of one VM at the same instant run one after the other, in file order (the
     * emulator and live mode both queue them); said here so the plan is not a surprise.
     */
    private void checkSameTimeMigrations() {
        Map<String, Migration> first = new HashMap<>();
        for (int i = 0; i < lab.migrations().size(); i++) {
            Migration migration = lab.migrations().get(i);
            Migration earlier = first.putIfAbsent(migration.vm() + "@" + migration.atNs(), migration);
            if (earlier != null) {
                warning(migration.id(), "migrations[" + i + "].atMs", "migrations '" + earlier.id() + "' and '" + migration.id() + "' both move '"
                        + migration.vm() + "' at " + millis(migration.atNs()) + " ms; '" + migration.id() + "' starts when '" + earlier.id() + "' has finished",
                        "give '" + migration.id() + "' a later start (ms) to say when it should start");
            }
        }
    }

    private void checkTraffic() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lab.traffic().size(); i++) {
            ProbeFlow flow = lab.traffic().get(i);
            String at = "traffic[" + i + "]";
            if (!LabValidator.ID_PATTERN.matcher(flow.id()).matches() || !ids.add(flow.id())) {
                error(flow.id(), at + ".id", "flow id '" + flow.id() + "' is not usable or not unique", "give each flow its own short id, e.g. P1");
            }
            Client client = lab.node(flow.client(), Client.class).orElse(null);
            if (client == null) {
                error(flow.id(), at + ".client", "flow '" + flow.id() + "' starts at '" + flow.client() + "', which is not a client", "name a client");
            }
            Vm vm = lab.node(flow.vm(), Vm.class).orElse(null);
            if (vm == null) {
                error(flow.id(), at + ".vm", "flow '" + flow.id() + "' goes to '" + flow.vm() + "', which is not a VM", "name a VM");
            }
            if (client != null && vm != null && vm.addresses().stream().noneMatch(a -> client.address(a.family()).isPresent())) {
                error(flow.id(), at + ".client", "client '" + client.id() + "' and VM '" + vm.id() + "' share no address family", "give both an IPv4 or both an IPv6 address");
            }
            int minBytes = flow.kind() == ProbeKind.PING ? 28 : 28 + 8;
            if (flow.packetBytes() < minBytes || flow.packetBytes() > LabValidator.MAX_MTU) {
                error(flow.id(), at + ".packetBytes", "flow '" + flow.id() + "' sends " + flow.packetBytes() + "-byte packets",
                        "use " + minBytes + " to " + LabValidator.MAX_MTU + " bytes (headers included; the G.711 probe is 210)");
            }
            if (flow.intervalNs() <= 0) {
                error(flow.id(), at + ".intervalMs", "flow '" + flow.id() + "' has no sending interval", "use a positive interval, e.g. 20 ms");
            }
            if (flow.startNs() < 0 || (flow.stopNs() != 0 && flow.stopNs() <= flow.startNs())) {
                error(flow.id(), at + ".startMs", "flow '" + flow.id() + "' starts at " + millis(flow.startNs()) + " ms and stops at " + millis(flow.stopNs()) + " ms",
                        "start at 0 or later and stop after the start (0 = at the end of the run)");
            }
        }
    }
}
