package org.warplab.live;

import org.warplab.live.agent.AgentEvent;
import java.io.IOException;
import java.util.List;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Migration;
import org.warplab.model.Vm;

/**
 * Moves one VM between two data centers of a built lab, as its hypervisor would, and says when
 * it stopped, ran again and was followed. One implementation per way a VM is realized.
 */
interface VmMove {

    MigrationWindow move(Migration migration, Vm vm, String from) throws IOException, AgentProcess.AgentException;

    /** The management link a migration's memory crosses, and the rate it may use on it (bytes/s). */
    record ManagementPath(Link link, long bytesPerSecond) {
        static ManagementPath of(Lab lab, Migration migration, String from) {
            Link management = lab.links().stream().filter(l -> l.kind() == LinkKind.MANAGEMENT && l.touches(from) && l.touches(migration.to()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no management link between " + from + " and " + migration.to()
                            + " for " + migration.id()));
            long bps = migration.bandwidthCapBps() > 0 ? Math.min(migration.bandwidthCapBps(), management.bandwidthBps()) : management.bandwidthBps();
            return new ManagementPath(management, bps / 8);
        }
    }

    /** The VM's IPv4 address as the watchers and switchers name it in their messages, if it has one. */
    static String switchedAddress(Vm vm) {
        return vm.address(IpFamily.IPV4).map(IpAddress::toString).orElse("");
    }

    /**
     * Waits until every client-edge switcher has switched {@code address}'s rule after {@code sinceNs};
     * returns the last switch time, or {@code settledNs} when there are no switchers.
     */
    static long awaitSwitches(List<AgentProcess> switchers, String address, long sinceNs, long settledNs, String migration)
            throws AgentProcess.AgentException {
        long settled = settledNs;
        for (AgentProcess switcher : switchers) {
            settled = Math.max(settled, switcher.await(e -> e.is(AgentEvent.Kind.RULE_SWITCHED) && e.timeNs() >= sinceNs
                    && e.text("vm").equals(address), java.time.Duration.ofSeconds(5), "switch for " + migration).timeNs());
        }
        return settled;
    }
    /** Longer than linkwatch's one-second batching of carrier changes. */
    java.time.Duration CARRIER_WAIT = java.time.Duration.ofSeconds(3);

    /**
     * Waits until the destination's port (a veth, or the tap a destination QEMU opened) has carrier,
     * so its bridge forwards the VM's first frames. The kernel reports a port's carrier through
     * linkwatch, which delays a change by up to a second when it ran less than a second ago: without
     * this wait such a move lost its first announcements and ~0.8 s of traffic. Part of preparing
     * the target, before the VM stops.
     */
    static void awaitCarrier(LiveContext run, String ns, String device) throws IOException {
        long deadline = System.nanoTime() + CARRIER_WAIT.toNanos();
        while (true) {
            String state = run.runner.check(run.tools.path("ip"), "-n", ns, "-o", "link", "show", "dev", device).stdout();
            if (state.contains("state UP")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the port " + device + " in " + ns + " has no carrier after " + CARRIER_WAIT.toMillis() + " ms: " + state.strip());
            }
            LiveRunner.sleepUntil(System.nanoTime() + 5_000_000L);
        }
    }
}
