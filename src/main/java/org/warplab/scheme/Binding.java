package org.warplab.scheme;

import java.util.Objects;
import org.warplab.model.IpAddress;

/** A Mobile IPv6 binding: mobile node {@code vm}'s home address is reached at its care-of address, for {@code lifetimeNs}. */
public record Binding(String vm, IpAddress homeAddress, IpAddress careOfAddress, String foreignNetwork, long lifetimeNs) {
    public Binding {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(foreignNetwork, "foreignNetwork");
    }
}
