package org.warplab.model;

import java.math.BigInteger;

/** An IPv4 or IPv6 address. Parse with {@link #parse(String)}; compare by value. */
public sealed interface IpAddress extends Comparable<IpAddress> permits Ipv4Address, Ipv6Address {

    IpFamily family();

    /** The address as an unsigned number of {@link IpFamily#bits()} bits. */
    BigInteger toBigInteger();

    /** Network byte order: 4 or 16 bytes. */
    byte[] toBytes();

    /** The address of the same family whose value is {@code value} (taken modulo 2^bits). */
    IpAddress withValue(BigInteger value);

    /**
     * Parses a textual address, IPv4 dotted quad or IPv6 (RFC 4291 forms, including "::"
     * and an embedded dotted quad).
     *
     * @throws AddressFormatException with a message that says what is wrong
     */
    static IpAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AddressFormatException("an address is required, found nothing");
        }
        String trimmed = text.strip();
        return trimmed.indexOf(':') >= 0 ? Ipv6Address.parse(trimmed) : Ipv4Address.parse(trimmed);
    }

    @Override
    default int compareTo(IpAddress other) {
        int byFamily = family().compareTo(other.family());
        return byFamily != 0 ? byFamily : toBigInteger().compareTo(other.toBigInteger());
    }
}
