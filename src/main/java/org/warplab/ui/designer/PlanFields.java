package org.warplab.ui.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.warplab.edit.ChangeSettings;
import org.warplab.edit.Edit;
import org.warplab.model.Client;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.ProbeFlow;
import org.warplab.model.ProbeKind;
import org.warplab.model.StorageMode;
import org.warplab.model.Vm;
import org.warplab.ui.common.Parse;
import org.warplab.model.Units;

/** The plan panel's fields: one migration or one probe flow. */
final class PlanFields {

    private PlanFields() {
    }

    static Lab replacing(Lab lab, Migration m) {
        return lab.withMigrations(lab.migrations().stream().map(x -> x.id().equals(m.id()) ? m : x).toList());
    }

    static Lab replacing(Lab lab, ProbeFlow f) {
        return lab.withTraffic(lab.traffic().stream().map(x -> x.id().equals(f.id()) ? f : x).toList());
    }

    static List<Field> forMigration(Lab lab, Migration m) {
        List<Field> fields = new ArrayList<>();
        String category = "Migration " + m.id();
        Function<Function<String, Migration>, Function<String, Edit>> change = maker -> text ->
                ChangeSettings.between("Change " + m.id(), lab, replacing(lab, maker.apply(text)));
        fields.add(Field.choice(category, "VM", "The VM that moves", m.vm(), lab.vms().stream().map(Vm::id).toList(),
                change.apply(text -> new Migration(m.id(), text, m.to(), m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(),
                        m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.choice(category, "Destination", "The data center it moves to", m.to(),
                lab.dataCenters().stream().map(DataCenter::id).toList(), change.apply(text -> new Migration(m.id(), m.vm(), text,
                        m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.text(category, "Start (ms)", "When the migration starts, from the start of the run", Units.msExact(m.atNs()),
                change.apply(text -> new Migration(m.id(), m.vm(), m.to(), Parse.millisToNs(text, "start"), m.mode(), m.storage(),
                        m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.choice(category, "Mode", "Live (pre-copy while running) or cold (stop, copy, start)", m.mode().key(),
                Parse.keys(MigrationMode.class), change.apply(text -> new Migration(m.id(), m.vm(), m.to(), m.atNs(),
                        Parse.key(MigrationMode.class, text), m.storage(), m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.choice(category, "Storage", "Shared storage, or copy the disk image too", m.storage().key(),
                Parse.keys(StorageMode.class), change.apply(text -> new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(),
                        Parse.key(StorageMode.class, text), m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.text(category, "Downtime limit (ms)", "Pre-copy stops when the rest can be sent within this", Units.msExact(m.downtimeLimitNs()),
                change.apply(text -> new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), m.storage(),
                        Parse.millisToNs(text, "downtime limit"), m.bandwidthCapBps(), m.maxRounds()))));
        fields.add(Field.text(category, "Bandwidth cap (Mbit/s)", "0 = as fast as the management link allows", Units.mbpsExact(m.bandwidthCapBps()),
                change.apply(text -> new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(),
                        Parse.mbpsToBps(text, "bandwidth cap"), m.maxRounds()))));
        fields.add(Field.text(category, "Max rounds", "Pre-copy rounds before the VM is stopped anyway", Integer.toString(m.maxRounds()),
                change.apply(text -> new Migration(m.id(), m.vm(), m.to(), m.atNs(), m.mode(), m.storage(), m.downtimeLimitNs(),
                        m.bandwidthCapBps(), (int) Parse.integer(text, "max rounds", 1, 1000)))));
        return fields;
    }

    static List<Field> forProbe(Lab lab, ProbeFlow f) {
        List<Field> fields = new ArrayList<>();
        String category = "Probe " + f.id();
        Function<Function<String, ProbeFlow>, Function<String, Edit>> change = maker -> text ->
                ChangeSettings.between("Change " + f.id(), lab, replacing(lab, maker.apply(text)));
        fields.add(Field.choice(category, "Kind", "UDP echo (sequence-numbered, the paper's probe) or ping", f.kind().key(),
                Parse.keys(ProbeKind.class), change.apply(text -> new ProbeFlow(f.id(), Parse.key(ProbeKind.class, text), f.client(),
                        f.vm(), f.packetBytes(), f.intervalNs(), f.startNs(), f.stopNs()))));
        fields.add(Field.choice(category, "Client", "Who sends", f.client(), lab.clients().stream().map(Client::id).toList(),
                change.apply(text -> new ProbeFlow(f.id(), f.kind(), text, f.vm(), f.packetBytes(), f.intervalNs(), f.startNs(), f.stopNs()))));
        fields.add(Field.choice(category, "Target VM", "Who echoes", f.vm(), lab.vms().stream().map(Vm::id).toList(),
                change.apply(text -> new ProbeFlow(f.id(), f.kind(), f.client(), text, f.packetBytes(), f.intervalNs(), f.startNs(), f.stopNs()))));
        fields.add(Field.text(category, "Packet size (bytes)", "IP packet size, headers included (210 = G.711 voice)", Integer.toString(f.packetBytes()),
                change.apply(text -> new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), (int) Parse.integer(text, "packet size", 28, 65_535),
                        f.intervalNs(), f.startNs(), f.stopNs()))));
        fields.add(Field.text(category, "Interval (ms)", "Time between packets (20 ms = G.711 voice)", Units.msExact(f.intervalNs()),
                change.apply(text -> {
                    long ns = Parse.millisToNs(text, "interval");
                    if (ns <= 0) {
                        throw new IllegalArgumentException("the interval must be longer than 0 ms");
                    }
                    return new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(), ns, f.startNs(), f.stopNs());
                })));
        fields.add(Field.text(category, "Start (ms)", "When the client starts sending", Units.msExact(f.startNs()),
                change.apply(text -> new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(), f.intervalNs(),
                        Parse.millisToNs(text, "start"), f.stopNs()))));
        fields.add(Field.text(category, "Stop (ms)", "When it stops; 0 = at the end of the run", Units.msExact(f.stopNs()),
                change.apply(text -> new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(), f.intervalNs(), f.startNs(),
                        Parse.millisToNs(text, "stop")))));
        return fields;
    }
}
