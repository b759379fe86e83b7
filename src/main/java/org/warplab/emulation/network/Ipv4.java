package org.warplab.emulation.network;

import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv4Address;

/** IPv4 addresses and prefixes as plain ints, for the packet path. */
public final class Ipv4 {
    private Ipv4() {
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public static boolean contains(int network, int length, int address) {
        return (address & mask(length)) == network;
    }

    /** Stateless prefix translation keeping host bits, as {@link IpPrefix#translate}. */
    public static int translate(int address, int toNetwork, int length) {
        return toNetwork | (address & ~mask(length));
    }

    public static int of(IpAddress address) {
        if (!(address instanceof Ipv4Address v4)) {
            throw new IllegalArgumentException(address + " is not an IPv4 address");
        }
        return v4.bits();
    }

    public static String text(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }

    public static String text(int network, int length) {
        return text(network) + "/" + length;
    }

    public static String mac(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (text.length() > 0) {
                text.append(':');
            }
            int octet = (int) ((mac >>> shift) & 0xff);
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 15, 16));
        }
        return text.toString();
    }

    /** An IPv4 prefix as two ints. */
    public record Prefix(int network, int length) {
        public static Prefix of(IpPrefix prefix) {
            return new Prefix(Ipv4.of(prefix.network()), prefix.length());
        }

        public boolean contains(int address) {
            return Ipv4.contains(network, length, address);
        }

        @Override
        public String toString() {
            return text(network, length);
        }
    }
}
