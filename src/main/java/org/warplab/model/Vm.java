package org.warplab.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual machine living in a data center. It keeps its addresses and MAC when it moves; that is
 * the "address warping" the schemes answer. Memory, disk and dirty rate drive the migration model.
 */
public record Vm(
        String id,
        String name,
        Position position,
        String dataCenter,
        List<IpAddress> addresses,
        MacAddress mac,
        int memoryMiB,
        int diskGiB,
        long dirtyPagesPerSecond,
        AnnounceKind announce,
        VmRuntime runtime) implements Node {

    /** Memory pages are 4 KiB, as on x86 guests. */
    public static final int PAGE_BYTES = 4096;

    public Vm {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(dataCenter, "dataCenter");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(announce, "announce");
        Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public NodeKind kind() {
        return NodeKind.VM;
    }

    public Optional<IpAddress> address(IpFamily family) {
        return addresses.stream().filter(a -> a.family() == family).findFirst();
    }

    public long memoryBytes() {
        return (long) memoryMiB << 20;
    }

    public long diskBytes() {
        return (long) diskGiB << 30;
    }

    public Vm inDataCenter(String dataCenter) {
        return new Vm(id, name, position, dataCenter, addresses, mac, memoryMiB, diskGiB, dirtyPagesPerSecond, announce, runtime);
    }

    @Override
    public Vm withPosition(Position position) {
        return new Vm(id, name, position, dataCenter, addresses, mac, memoryMiB, diskGiB, dirtyPagesPerSecond, announce, runtime);
    }

    @Override
    public Vm withName(String name) {
        return new Vm(id, name, position, dataCenter, addresses, mac, memoryMiB, diskGiB, dirtyPagesPerSecond, announce, runtime);
    }
}
