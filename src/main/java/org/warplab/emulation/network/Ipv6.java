package org.warplab.emulation.network;

import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;
import org.warplab.scheme.MobileIpv6Scheme;

/** IPv6 addresses and prefixes for the packet path: the model's {@link Ipv6Address} plus what neighbour discovery needs. */
public final class Ipv6 {
    static final Ipv6Address UNSPECIFIED = new Ipv6Address(0, 0);
    /** ff02::1, all nodes on the link. */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);
    /** RFC 4861 RetransTimer: a DAD probe waits this long for a defence (DupAddrDetectTransmits = 1). */
    public static final long RETRANS_TIMER_NS = 1_000_000_000L;

    private Ipv6() {
    }

    static Ipv6Address of(IpAddress address) {
        if (!(address instanceof Ipv6Address v6)) {
            throw new IllegalArgumentException(address + " is not an IPv6 address");
        }
        return v6;
    }

    static boolean contains(Prefix prefix, Ipv6Address address) {
        return prefix.contains(address);
    }

    /** fe80::/64 with the modified EUI-64 of {@code mac}: the link-local address of an interface. */
    static Ipv6Address linkLocal(long mac) {
        return of(MobileIpv6Scheme.slaacAddress(IpPrefix.parse("fe80::/64"), new MacAddress(mac)));
    }

    /** The SLAAC address of {@code mac} on a /64. */
    public static Ipv6Address slaac(Prefix prefix, long mac) {
        return of(MobileIpv6Scheme.slaacAddress(new IpPrefix(prefix.network(), prefix.length()), new MacAddress(mac)));
    }

    /** ff02::1:ffXX:XXXX, the solicited-node multicast group of {@code address}. */
    static Ipv6Address solicitedNode(Ipv6Address address) {
        return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (address.low() & 0xff_ffffL));
    }

    /** 33:33 and the low 32 bits of a multicast group: its Ethernet address. */
    public static long multicastMac(Ipv6Address group) {
        return 0x3333_0000_0000L | (group.low() & 0xffff_ffffL);
    }

    static boolean isMulticast(Ipv6Address address) {
        return (address.high() >>> 56) == 0xff;
    }

    /** An IPv6 prefix. */
    public record Prefix(Ipv6Address network, int length) {
        static Prefix of(IpPrefix prefix) {
            return new Prefix(Ipv6.of(prefix.network()), prefix.length());
        }

        /** The same prefix with its host bits cleared. */
        public Prefix masked() {
            long highMask = length >= 64 ? -1L : length == 0 ? 0 : ~(-1L >>> length);
            long lowMask = length <= 64 ? 0 : length == 128 ? -1L : ~(-1L >>> (length - 64));
            return new Prefix(new Ipv6Address(network.high() & highMask, network.low() & lowMask), length);
        }

        public boolean contains(Ipv6Address address) {
            if (length == 0) {
                return true;
            }
            if (length <= 64) {
                long mask = length == 64 ? -1L : ~(-1L >>> length);
                return (address.high() & mask) == (network.high() & mask);
            }
            long lowMask = length == 128 ? -1L : ~(-1L >>> (length - 64));
            return address.high() == network.high() && (address.low() & lowMask) == (network.low() & lowMask);
        }

        @Override
        public String toString() {
            return network + "/" + length;
        }
    }
}
