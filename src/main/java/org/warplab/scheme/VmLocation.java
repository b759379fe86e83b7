package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpAddress;

/**
 * One entry of a client edge's location table: VM address {@code vmAddress} is in
 * {@code dataCenter}, reached on the WAN at {@code wanAddress} (A' when that data center's edge
 * translates, A itself when it does not).
 */
public record VmLocation(String clientEdge, String vm, IpAddress vmAddress, String dataCenter, IpAddress wanAddress) {
    public VmLocation {
        Objects.requireNonNull(clientEdge, "clientEdge");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(vmAddress, "vmAddress");
        Objects.requireNonNull(dataCenter, "dataCenter");
        Objects.requireNonNull(wanAddress, "wanAddress");
    }

    public boolean translated() {
        return !vmAddress.equals(wanAddress);
    }
}
