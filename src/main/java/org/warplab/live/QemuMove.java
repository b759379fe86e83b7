package org.warplab.live;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.live.qemu.GuestImage;
import org.warplab.live.qemu.QemuMigration;
import org.warplab.live.qemu.QemuVm;
import org.warplab.live.qemu.QmpException;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Migration;
import org.warplab.model.Vm;
import org.warplab.run.HypervisorReport;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;

/**
 * Real guests: each QEMU-realized VM boots in its data center on a tap in the LAN bridge, and a
 * move is QEMU's own live migration over the management link to a QEMU waiting in the destination.
 */
final class QemuMove implements VmMove, AutoCloseable {

    /** QEMU's migration stream port on the destination's management address. */
    static final int MIGRATION_PORT = 4444;
    /** The guest agent's dirtying workload touches at most this much memory. */
    static final long GUEST_DIRTY_MIB = 32;
    static final Duration GUEST_BOOT = Duration.ofSeconds(90);

    private final LiveContext run;
    private final GuestImage image;
    private final java.nio.file.Path guestCache;
    private final java.nio.file.Path runDir;
    private final LiveAgents agents;
    /** The QEMU currently running each QEMU-realized VM. */
    private final Map<String, QemuVm> guests = new LinkedHashMap<>();

    QemuMove(LiveContext run, GuestImage image, java.nio.file.Path guestCache, java.nio.file.Path runDir, LiveAgents agents) {
        this.run = run;
        this.image = image;
        this.guestCache = guestCache;
        this.runDir = runDir;
        this.agents = agents;
    }

    /**
     * Replaces the VM's namespace stand-in by a real guest: its veth to the data center goes, and
     * QEMU takes its place on a tap of the same name in the DC's bridge, with the VM's MAC and address.
     */
    void boot(Vm vm) throws IOException, AgentProcess.AgentException {
        DataCenter dc = run.lab.node(vm.dataCenter(), DataCenter.class).orElseThrow();
        IpPrefix lan = dc.lanPrefix(IpFamily.IPV4).orElseThrow(() -> new IllegalStateException("a QEMU VM needs an IPv4 LAN: " + dc.id()));
        run.runner.check(run.tools.path("ip"), "-n", run.built.namespace(vm.id()), "link", "del", "dev", InterfaceNames.VM_INTERFACE);
        long dirtyMib = vm.dirtyPagesPerSecond() > 0 ? Math.min(GUEST_DIRTY_MIB, vm.memoryMiB() - 64L) : 0;
        QemuVm.Spec spec = new QemuVm.Spec(name(vm.id(), "src"), guestCache, image, image.accelerator(), vm.memoryMiB(), vm.mac(),
                new InterfaceAddress(vm.address(IpFamily.IPV4).orElseThrow(), lan.length()),
                dc.gatewayAddress(IpFamily.IPV4).map(a -> (Ipv4Address) a), LiveAgents.PROBE_PORT, Math.max(0, dirtyMib), vm.dirtyPagesPerSecond(),
                new QemuVm.TapOnBridge(run.built.namespace(dc.id()), InterfaceNames.DATA_CENTER_BRIDGE, InterfaceNames.vmPort(vm.id())),
                Optional.empty(), runDir);
        run.progress.step("booting the QEMU guest of " + vm.id() + " in " + dc.id() + " (" + image.accelerator() + ")");
        try {
            QemuVm qemu = QemuVm.start(spec, run.runner, run.tools, Optional.of(run.state));
            guests.put(vm.id(), qemu);
            qemu.awaitReady(GUEST_BOOT);
        } catch (QmpException | QemuVm.GuestFailedException e) {
            throw new AgentProcess.AgentException("the QEMU guest of " + vm.id() + " did not come up: " + e.getMessage());
        }
        run.notes.add(vm.id() + " is a real QEMU guest (" + image.accelerator() + ", kernel " + image.kernelRelease() + ", " + vm.memoryMiB() + " MiB"
                + (dirtyMib > 0 ? ", dirtying " + dirtyMib + " MiB at " + vm.dirtyPagesPerSecond() + " pages/s" : "") + ")");
        if (image.accelerator() == org.warplab.live.qemu.Accelerator.TCG) {
            // measured with perf (docs/qemu.md, "The client gap"): it is most of what the gap adds to the stop
            run.notes.add(vm.id() + " runs under TCG (software emulation; no usable KVM here): after each move the destination QEMU translates"
                    + " the guest's code anew before the guest answers, so the client gap includes that start-up beside the stop and the switch");
        }
    }

    private String name(String vmId, String role) {
        return run.built.names().labPrefix() + vmId + "-" + role;
    }

    /** A real live migration: QEMU in the destination DC waits for the stream over the management link. */
    @Override
    public MigrationWindow move(Migration migration, Vm vm, String from) throws IOException, AgentProcess.AgentException {
        long start = System.nanoTime();
        ManagementPath management = ManagementPath.of(run.lab, migration, from);
        String target = management.link().addressesOf(migration.to()).stream().filter(a -> a.family() == IpFamily.IPV4).findFirst()
                .orElseThrow(() -> new IllegalStateException("management link " + management.link().id() + " has no IPv4 address at " + migration.to()))
                .address().toString();
        String uri = "tcp:" + target + ":" + MIGRATION_PORT;
        QemuVm source = guests.get(vm.id());
        QemuMigration.Settings settings = QemuMigration.Settings.defaults().withDowntimeLimitNs(migration.downtimeLimitNs())
                .withMaxBandwidth(management.bytesPerSecond());
        run.progress.step(migration.id() + ": QEMU live migration of " + vm.id() + " " + from + " -> " + migration.to() + " over " + management.link().id());
        QemuMigration.Result result;
        try {
            QemuVm.TapOnBridge tap = new QemuVm.TapOnBridge(run.built.namespace(migration.to()), InterfaceNames.DATA_CENTER_BRIDGE,
                    InterfaceNames.vmPort(vm.id()));
            QemuVm destination = QemuVm.start(source.spec().asDestination(name(vm.id(), migration.id()), tap, uri),
                    run.runner, run.tools, Optional.of(run.state));
            // the guest's first frames after the stop go out of this tap: its bridge port must forward by then
            VmMove.awaitCarrier(run, tap.namespace(), tap.tap());
            result = QemuMigration.run(source, destination, uri, settings);
            if (result.outcome() == QemuMigration.Outcome.COMPLETED) {
                source.close();
                guests.put(vm.id(), destination);
            } else {
                destination.close();
            }
        } catch (QmpException e) {
            // the guest's last console lines say whether it panicked (panic=-1 and -no-reboot make QEMU exit)
            String why = source.isAlive() ? "" : "; the QEMU running " + vm.id() + " had exited" + source.diagnostics();
            throw new AgentProcess.AgentException(migration.id() + ": the QEMU migration failed: " + e.getMessage() + why);
        }
        result.describe().forEach(line -> run.notes.add(migration.id() + ": " + line.strip()));
        if (result.outcome() != QemuMigration.Outcome.COMPLETED) {
            throw new AgentProcess.AgentException(migration.id() + ": " + String.join("; ", result.describe()));
        }
        long paused = result.sourceStoppedAtNs();
        long resumed = result.destinationResumedWallMicros() > 0 ? monotonicOf(result.destinationResumedWallMicros())
                : result.destinationResumedAtNs();
        run.events.add(new TraceEvent.VmPaused(run.rel(paused), vm.id(), from));
        run.events.add(new TraceEvent.VmMoved(run.rel(resumed), vm.id(), from, migration.to()));
        run.events.add(new TraceEvent.VmResumed(run.rel(resumed), vm.id(), migration.to()));
        long settled = VmMove.awaitSwitches(List.copyOf(agents.switchers.values()), VmMove.switchedAddress(vm), paused, resumed, migration.id());
        return new MigrationWindow(migration.id(), from, start, paused, resumed, resumed, settled, result.passes(),
                new org.warplab.run.Completion(true, (int) result.passes(), 0, result.converged(), migration.downtimeLimitNs()),
                report(result, resumed - paused));
    }

    /** QEMU's own account: its downtime (none when it reported every timer as 0), and what it knew at the end of each pass. */
    static HypervisorReport report(QemuMigration.Result result, long hostDowntimeNs) {
        boolean timed = !(result.totalTimeNs() == 0 && result.transferredBytes() > 0);
        List<HypervisorReport.Pass> passes = result.lastSampleOfEachPass().stream().map(s -> new HypervisorReport.Pass(s.pass(),
                Math.round(s.mbps()) * 1_000_000L, s.expectedDowntimeNs(), s.dirtyPagesRate(), s.remainingBytes())).toList();
        long downtimeBytes = result.samples().isEmpty() ? -1 : result.samples().get(result.samples().size() - 1).downtimeBytes();
        return new HypervisorReport("QEMU (" + result.accelerator() + ")", timed ? result.downtimeNs() : -1, hostDowntimeNs,
                timed ? result.totalTimeNs() : result.destinationResumedAtNs() - result.migrateIssuedAtNs(), result.transferredBytes(),
                result.finalDowntimeLimitNs(), downtimeBytes, passes);
    }

    /**
     * A wall-clock time QEMU stamped (µs since the epoch) on the host's monotonic clock: the QMP
     * event itself can reach us milliseconds after the fact, QEMU's own stamp does not.
     */
    static long monotonicOf(long wallMicros) {
        long nowNs = System.nanoTime();
        java.time.Instant now = java.time.Instant.now();
        long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
        return nowNs - (nowMicros - wallMicros) * 1_000L;
    }

    /** QEMU must quit even when a Stop interrupted the run. */
    @Override
    public void close() {
        guests.values().forEach(QemuVm::close);
        guests.clear();
    }
}
