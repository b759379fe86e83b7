package org.warplab.live;

import org.warplab.live.agent.AgentEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.warplab.emulation.network.MigrationCosts;
import org.warplab.emulation.network.PreCopyMigration;
import org.warplab.model.IpFamily;
import org.warplab.model.IpAddress;
import org.warplab.model.MigrationMode;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Units;
import org.warplab.model.Vm;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.InterfaceNames;

/**
 * A namespace VM's move: its memory copy modelled (pre-copy and stop-and-copy times from its
 * memory, dirty rate and management link), everything on the network real. The destination's
 * port is made ready first, the VM's echo agent pauses, the VM's interface is swapped for one in
 * the destination data center with the generated files of the new state, and the VM resumes and
 * announces itself as its hypervisor would.
 */
final class NamespaceMove implements VmMove {

    /** QEMU's announce-self schedule: five frames at these offsets after resume. */
    static final String QEMU_ANNOUNCE_MS = "0,50,200,450,800";
    /** How long a mobile node may take to get its binding acknowledged: RA, two DADs and a few retransmissions. */
    static final Duration MOBILE_IPV6_SETTLE = Duration.ofSeconds(20);

    private final LiveContext run;
    private final LiveAgents agents;

    NamespaceMove(LiveContext run, LiveAgents agents) {
        this.run = run;
        this.agents = agents;
    }

    @Override
    public MigrationWindow move(Migration migration, Vm vm, String from) throws IOException, AgentProcess.AgentException {
        AgentProcess service = agents.echo.get(vm.id());
        long start = System.nanoTime();
        if (migration.mode() == MigrationMode.COLD) {
            throw new IllegalStateException("cold migration (" + migration.id() + ") is not run live yet; the emulator runs it");
        }
        ManagementPath management = ManagementPath.of(run.lab, migration, from);
        PreCopyMigration.Plan plan = PreCopyMigration.of(vm, migration, MigrationCosts.DEFAULT).plan(management.bytesPerSecond(), management.link().delayNs());
        run.progress.step(String.format("%s: %s %s -> %s, pre-copy %.0f ms (modelled), stop-and-copy %.1f ms", migration.id(), vm.id(), from,
                migration.to(), (plan.totalNs() - plan.downtimeNs()) / 1e6, plan.stopAndCopyNs() / 1e6));
        run.events.add(new TraceEvent.MigrationRound(run.rel(start), migration.id(), 0, 0, 0, false));
        String vmNs = run.built.namespace(vm.id());
        String port = InterfaceNames.vmPort(vm.id());
        Path after = run.built.configDir().resolve("after-" + migration.id());
        // the new state's kernel defaults before the destination's interface exists, so it inherits them
        Path before = run.built.configDir().resolve(run.built.states().get(0).state()).resolve(vm.id());
        applyIfChanged(vmNs, before.resolve("sysctl.conf"), after.resolve(vm.id()).resolve("sysctl.conf"));
        String portLine = Files.readAllLines(after.resolve(migration.to()).resolve("ip.batch")).stream()
                .filter(l -> l.startsWith("link set dev " + port + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the generated " + migration.to() + "/ip.batch does not attach " + port));
        // the destination's port is ready before the VM stops, as a hypervisor prepares the target
        run.runner.check(new Command(List.of(run.tools.path("ip"), "-batch", "-"),
                "link add mv0 netns " + vmNs + " type veth peer name " + port + " netns " + run.built.namespace(migration.to()) + "\n", Command.DEFAULT_TIMEOUT));
        // up (the announcement's capture handle needs that) but addressless: nothing is routed to it before the switchover
        run.runner.check(run.tools.path("ip"), "-n", vmNs, "link", "set", "dev", "mv0", "up");
        run.runner.check(new Command(List.of(run.tools.path("ip"), "-n", run.built.namespace(migration.to()), "-batch", "-"), portLine + "\n",
                Command.DEFAULT_TIMEOUT));
        VmMove.awaitCarrier(run, run.built.namespace(migration.to()), port);
        service.send("prepare-announce mv0");
        service.await(e -> e.is(AgentEvent.Kind.ANNOUNCE_PREPARED) && e.timeNs() >= start, Duration.ofSeconds(10), "prepared announcement");
        AgentProcess mobileNode = agents.mobileNodes.get(vm.id());
        if (mobileNode != null) {
            mobileNode.send("attach mv0");
            mobileNode.await(e -> e.is(AgentEvent.Kind.ATTACHED) && e.timeNs() >= start, Duration.ofSeconds(10), "mobile node on mv0");
        }
        LiveRunner.sleepUntil(start + plan.totalNs() - plan.downtimeNs());
        service.send("pause");
        if (mobileNode != null) {
            mobileNode.send("pause");
        }
        long paused = service.await(e -> e.is(AgentEvent.Kind.PAUSED) && e.timeNs() >= start, Duration.ofSeconds(5), "pause").timeNs();
        run.events.add(new TraceEvent.VmPaused(run.rel(paused), vm.id(), from));
        LiveRunner.sleepUntil(paused + plan.stopAndCopyNs());
        long holdEnd = System.nanoTime();
        String vmBatch = Files.readString(after.resolve(vm.id()).resolve("ip.batch"));
        run.runner.check(new Command(List.of(run.tools.path("ip"), "-n", vmNs, "-batch", "-"),
                "link del dev " + InterfaceNames.VM_INTERFACE + "\nlink set dev mv0 name " + InterfaceNames.VM_INTERFACE + "\n" + vmBatch, Command.DEFAULT_TIMEOUT));
        applyIfChanged(vmNs, before.resolve("sysctl-interfaces.conf"), after.resolve(vm.id()).resolve("sysctl-interfaces.conf"));
        run.events.add(new TraceEvent.VmMoved(run.rel(System.nanoTime()), vm.id(), from, migration.to()));
        service.send("resume");
        if (mobileNode != null) {
            mobileNode.send("resume");
        }
        long resumed = service.await(e -> e.is(AgentEvent.Kind.RESUMED) && e.timeNs() >= holdEnd, Duration.ofSeconds(5), "resume").timeNs();
        run.events.add(new TraceEvent.VmResumed(run.rel(resumed), vm.id(), migration.to()));
        String announceAddress = vm.address(IpFamily.IPV4).map(IpAddress::toString).orElse("0.0.0.0");
        service.send("announce " + vm.announce().key() + " " + InterfaceNames.VM_INTERFACE + " " + vm.mac() + " " + announceAddress + " " + QEMU_ANNOUNCE_MS);
        run.progress.step(migration.id() + ": VM paused " + Units.ms(resumed - paused, 1) + ", running in " + migration.to()
                + ", announcing by " + vm.announce().key());
        long settled = VmMove.awaitSwitches(List.copyOf(agents.switchers.values()), announceAddress, resumed, resumed, migration.id());
        if (mobileNode != null) {
            // an RA, two DADs and a signalling round trip; a lost update is retransmitted after 1.5 s, 3 s, ...
            settled = Math.max(settled, mobileNode.await(e -> (e.is(AgentEvent.Kind.BINDING_INSTALLED) || e.is(AgentEvent.Kind.DEREGISTERED))
                    && e.timeNs() >= resumed, MOBILE_IPV6_SETTLE, "binding (or its end) of " + vm.id() + " acknowledged by the home agent").timeNs());
            boolean home = migration.to().equals(run.lab.schemeConfig(MobileIpv6.class).orElseThrow().homeNetwork());
            run.progress.step(migration.id() + ": " + vm.id() + (home ? " home again, its binding ended " : " bound to its care-of address ")
                    + Units.ms(settled - resumed, 0) + " after resuming");
        }
        return new MigrationWindow(migration.id(), from, start, paused, holdEnd, resumed, settled, 0, new org.warplab.run.Completion(true,
                plan.preCopyRounds().size(), migration.maxRounds(), plan.converged(), migration.downtimeLimitNs()));
    }

    /** Applies a VM's sysctl file of the new state when it differs from the first state's (the kernel keeps the rest). */
    private void applyIfChanged(String ns, Path before, Path after) throws IOException {
        if (Files.exists(after) && (!Files.exists(before) || !Files.readString(after).equals(Files.readString(before)))) {
            run.runner.check(run.tools.path("ip"), "netns", "exec", ns, run.tools.path("sysctl"), "-q", "-p", after.toString());
        }
    }
}
