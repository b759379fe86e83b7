package org.warplab.model;

import java.math.BigInteger;

/**
 * A network prefix such as 172.16.0.0/16 or 2001:db8:1::/64. The network address has no host
 * bits set: "172.16.0.1/16" is refused when parsed, so a typo never silently becomes a prefix.
 */
public record IpPrefix(IpAddress network, int length) {

    public IpPrefix {
        int bits = network.family().bits();
        if (length < 0 || length > bits) {
            throw new AddressFormatException("prefix length " + length + " is outside 0.." + bits + " for " + network.family().label());
        }
        if (!network.toBigInteger().and(hostMask(bits, length)).equals(BigInteger.ZERO)) {
            throw new AddressFormatException("'" + network + "/" + length + "' has host bits set (did you mean "
                    + network.withValue(network.toBigInteger().andNot(hostMask(bits, length))) + "/" + length + "?)");
        }
    }

    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AddressFormatException("a prefix is required, found nothing");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new AddressFormatException("'" + text + "' is not a prefix (expected address/length like 172.16.0.0/16)");
        }
        if (trimmed.substring(0, slash).isBlank()) {
            throw new AddressFormatException("'" + text + "' is not a prefix (no address before '/')");
        }
        IpAddress address = IpAddress.parse(trimmed.substring(0, slash));
        String lengthText = trimmed.substring(slash + 1);
        if (lengthText.isEmpty() || lengthText.length() > 3 || !Ipv4Address.asciiDigits(lengthText)) {
            throw new AddressFormatException("'" + text + "' is not a prefix ('" + lengthText + "' is not a prefix length)");
        }
        int length = Integer.parseInt(lengthText);
        if (length > address.family().bits()) {
            throw new AddressFormatException("'" + text + "' is not a prefix (an " + address.family().label()
                    + " prefix length is at most " + address.family().bits() + ")");
        }
        return new IpPrefix(address, length);
    }

    /** The prefix of the given length that contains {@code address} (host bits cleared). */
    public static IpPrefix containing(IpAddress address, int length) {
        int bits = address.family().bits();
        return new IpPrefix(address.withValue(address.toBigInteger().andNot(hostMask(bits, length))), length);
    }

    public IpFamily family() {
        return network.family();
    }

    public boolean contains(IpAddress address) {
        if (address.family() != family()) {
            return false;
        }
        BigInteger mask = hostMask(family().bits(), length);
        return address.toBigInteger().andNot(mask).equals(network.toBigInteger());
    }

    public boolean contains(IpPrefix other) {
        return other.family() == family() && other.length >= length && contains(other.network);
    }

    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** The host part of {@code address} in this prefix. */
    public BigInteger hostBits(IpAddress address) {
        requireContains(address);
        return address.toBigInteger().and(hostMask(family().bits(), length));
    }

    /**
     * Stateless prefix translation keeping host bits: 172.16.10.2 in 172.16.0.0/16 becomes
     * 172.15.10.2 in 172.15.0.0/16. Both prefixes must have the same family and length.
     */
    public IpAddress translate(IpAddress address, IpPrefix to) {
        if (to.family() != family() || to.length != length) {
            throw new IllegalArgumentException("translation needs prefixes of one family and length: " + this + " -> " + to);
        }
        return to.network.withValue(to.network.toBigInteger().or(hostBits(address)));
    }

    /** The n-th address in this prefix (0 is the network address itself). */
    public IpAddress host(long n) {
        BigInteger offset = BigInteger.valueOf(n);
        if (offset.signum() < 0 || offset.compareTo(hostMask(family().bits(), length)) > 0) {
            throw new IllegalArgumentException("host " + n + " is outside " + this);
        }
        return network.withValue(network.toBigInteger().or(offset));
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(family().bits() - length);
    }

    private void requireContains(IpAddress address) {
        if (!contains(address)) {
            throw new IllegalArgumentException(address + " is not in " + this);
        }
    }

    private static BigInteger hostMask(int bits, int length) {
        return BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
