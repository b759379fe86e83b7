package org.warplab.scheme;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.DataCenter;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.MacAddress;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.Vm;

/**
 * Mobile IPv6 (RFC 6275): every data center's prefixes are announced by its edge as usual. A VM
 * whose IPv6 address is in the home network's prefix is a mobile node with that home address;
 * away from home it forms a care-of address on the foreign prefix by SLAAC (EUI-64 of its MAC)
 * and registers it with the home agent, which then tunnels traffic for the home address to it.
 */
public record MobileIpv6Scheme(MobileIpv6 config) implements MobilityScheme {

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.mobileIpv6(this);
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        List<Advertisement> ads = new ArrayList<>(MobilityScheme.commonAdvertisements(lab));
        lab.dataCenters().forEach(dc -> ads.addAll(Sites.dataCenterPrefixes(lab, dc)));
        return ads;
    }

    public DataCenter homeNetwork(Lab lab) {
        return lab.node(config.homeNetwork(), DataCenter.class).orElseThrow();
    }

    public IpPrefix homePrefix(Lab lab) {
        return homeNetwork(lab).lanPrefix(IpFamily.IPV6).orElseThrow();
    }

    /** The home agent's address: the home network's IPv6 gateway, which the home agent router holds. */
    public IpAddress homeAgentAddress(Lab lab) {
        return homeNetwork(lab).gatewayAddress(IpFamily.IPV6).orElseThrow();
    }

    /** The VM's home address, if it is a mobile node of this home network. */
    public Optional<IpAddress> homeAddress(Lab lab, Vm vm) {
        IpPrefix home = homePrefix(lab);
        return vm.address(IpFamily.IPV6).filter(home::contains);
    }

    /** The address SLAAC forms on a /64 from a MAC: the prefix and the modified EUI-64 interface id. */
    public static IpAddress slaacAddress(IpPrefix prefix, MacAddress mac) {
        if (prefix.family() != IpFamily.IPV6 || prefix.length() != 64) {
            throw new IllegalArgumentException("SLAAC needs an IPv6 /64, got " + prefix);
        }
        byte[] m = mac.toBytes();
        byte[] iid = {(byte) (m[0] ^ 0x02), m[1], m[2], (byte) 0xff, (byte) 0xfe, m[3], m[4], m[5]};
        BigInteger value = prefix.network().toBigInteger().or(new BigInteger(1, iid));
        return prefix.network().withValue(value);
    }

    public List<Binding> bindings(Lab lab, Placement placement) {
        List<Binding> bindings = new ArrayList<>();
        for (Vm vm : lab.vms()) {
            Optional<IpAddress> home = homeAddress(lab, vm);
            String where = placement.of(vm.id());
            if (home.isEmpty() || where.equals(config.homeNetwork())) {
                continue;
            }
            DataCenter foreign = lab.node(where, DataCenter.class).orElseThrow();
            foreign.lanPrefix(IpFamily.IPV6).ifPresent(prefix ->
                    bindings.add(new Binding(vm.id(), home.get(), slaacAddress(prefix, vm.mac()), where, config.bindingLifetimeNs())));
        }
        return bindings;
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        return new SchemeState.Bindings(config.homeAgent(), bindings(lab, placement));
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        Vm vm = lab.node(migration.vm(), Vm.class).orElseThrow();
        Optional<IpAddress> home = homeAddress(lab, vm);
        if (home.isEmpty()) {
            return List.of();
        }
        String was = bindings(lab, before).stream().filter(b -> b.vm().equals(vm.id())).map(b -> b.careOfAddress().toString())
                .findFirst().orElse("at home");
        String now = bindings(lab, before.after(migration)).stream().filter(b -> b.vm().equals(vm.id())).map(b -> b.careOfAddress().toString())
                .findFirst().orElse("at home");
        List<ControlStep> steps = new ArrayList<>();
        steps.add(new ControlStep(vm.id(), "care-of-address", home.get().toString(), was, now,
                "mobile node " + vm.id() + ": " + (now.equals("at home") ? "back on the home link" : "router advertisement of " + migration.to()
                        + " -> care-of address " + now) + ", Binding Update to " + homeAgentAddress(lab)));
        steps.add(new ControlStep(config.homeAgent(), "binding", home.get().toString(), was, now,
                "home agent " + config.homeAgent() + ": binding " + home.get() + " -> " + now + ", Binding Acknowledgement"));
        return steps;
    }
}
