package org.warplab.scheme;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.Vm;

/** Where every VM is at one moment: VM id to data-center id, in the lab's VM order. */
public record Placement(Map<String, String> dataCenterOf) {

    public Placement {
        dataCenterOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataCenterOf));
    }

    /** Every VM in the data center it starts in. */
    public static Placement initial(Lab lab) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Vm vm : lab.vms()) {
            map.put(vm.id(), vm.dataCenter());
        }
        return new Placement(map);
    }

    /** This placement with {@code migration} done. */
    public Placement after(Migration migration) {
        if (!dataCenterOf.containsKey(migration.vm())) {
            throw new IllegalArgumentException("migration " + migration.id() + " moves unknown VM " + migration.vm());
        }
        Map<String, String> map = new LinkedHashMap<>(dataCenterOf);
        map.put(migration.vm(), migration.to());
        return new Placement(map);
    }

    public String of(String vmId) {
        return Objects.requireNonNull(dataCenterOf.get(vmId), () -> "no VM " + vmId);
    }

    /** The lab's migrations in the order they happen (start time, then their order in the file). */
    public static java.util.List<Migration> inOrder(Lab lab) {
        return lab.migrations().stream().sorted(Comparator.comparingLong(Migration::atNs)).toList();
    }
}
