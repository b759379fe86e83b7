package org.warplab.model;

import java.math.BigInteger;

/** An IPv4 address held as its 32 bits. */
public record Ipv4Address(int bits) implements IpAddress {

    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new AddressFormatException("'" + text + "' is not an IPv4 address (expected four numbers like 172.16.10.2)");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !asciiDigits(part)) {
                throw new AddressFormatException("'" + text + "' is not an IPv4 address ('" + part + "' is not a number from 0 to 255)");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new AddressFormatException("'" + text + "' is not an IPv4 address (" + octet + " is above 255)");
            }
            value = (value << 8) | octet;
        }
        return new Ipv4Address(value);
    }

    /**
     * True when every character is an ASCII digit (Arabic-Indic or fullwidth digits are not numbers in an address). A loop,
     * not {@code chars().allMatch}: each lab read (every point of a sweep) parses its addresses, and the three streams'
     * lambdas made the JIT recompile the shared stream code (docs/parallel-runs.md).
     */
    static boolean asciiDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address((a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xff) << 8 | (d & 0xff));
    }

    /** The address as an unsigned value in a long, 0 .. 2^32-1. */
    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    @Override
    public IpFamily family() {
        return IpFamily.IPV4;
    }

    @Override
    public BigInteger toBigInteger() {
        return BigInteger.valueOf(unsigned());
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    @Override
    public Ipv4Address withValue(BigInteger value) {
        return new Ipv4Address(value.intValue());
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }
}
