package org.warplab.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A data center's server LAN: its prefixes (the subnet S of the paper), the gateway its VMs use
 * (realized on the edge router attached by a LAN link), its storage, and whether a capture program
 * on this LAN watches for VM announcements.
 */
public record DataCenter(
        String id,
        String name,
        Position position,
        List<IpPrefix> lanPrefixes,
        List<IpAddress> gatewayAddresses,
        MacAddress gatewayMac,
        StorageKind storage,
        boolean capturesAnnouncements) implements Node {

    public DataCenter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        lanPrefixes = List.copyOf(lanPrefixes);
        gatewayAddresses = List.copyOf(gatewayAddresses);
        Objects.requireNonNull(gatewayMac, "gatewayMac");
        Objects.requireNonNull(storage, "storage");
    }

    @Override
    public NodeKind kind() {
        return NodeKind.DATA_CENTER;
    }

    public Optional<IpPrefix> lanPrefix(IpFamily family) {
        return lanPrefixes.stream().filter(p -> p.family() == family).findFirst();
    }

    public Optional<IpAddress> gatewayAddress(IpFamily family) {
        return gatewayAddresses.stream().filter(a -> a.family() == family).findFirst();
    }

    @Override
    public DataCenter withPosition(Position position) {
        return new DataCenter(id, name, position, lanPrefixes, gatewayAddresses, gatewayMac, storage, capturesAnnouncements);
    }

    @Override
    public DataCenter withName(String name) {
        return new DataCenter(id, name, position, lanPrefixes, gatewayAddresses, gatewayMac, storage, capturesAnnouncements);
    }
}
