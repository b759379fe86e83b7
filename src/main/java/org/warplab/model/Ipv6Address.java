package org.warplab.model;

import java.math.BigInteger;

/** An IPv6 address held as two 64-bit halves; prints in the RFC 5952 canonical form. */
public record Ipv6Address(long high, long low) implements IpAddress {

    private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public static Ipv6Address parse(String text) {
        String bad = "'" + text + "' is not an IPv6 address";
        String body = text;
        int lastColon = body.lastIndexOf(':');
        if (body.indexOf('.', lastColon) > 0) {
            // An embedded dotted quad ("::ffff:1.2.3.4") stands for the last two groups.
            Ipv4Address v4;
            try {
                v4 = Ipv4Address.parse(body.substring(lastColon + 1));
            } catch (AddressFormatException e) {
                throw new AddressFormatException(bad + " (its IPv4 tail is malformed)");
            }
            body = body.substring(0, lastColon + 1)
                    + Integer.toHexString(v4.bits() >>> 16) + ":" + Integer.toHexString(v4.bits() & 0xffff);
        }
        int doubleColon = body.indexOf("::");
        if (doubleColon >= 0 && body.indexOf("::", doubleColon + 1) >= 0) {
            throw new AddressFormatException(bad + " ('::' may appear only once)");
        }
        String[] head = splitGroups(doubleColon >= 0 ? body.substring(0, doubleColon) : body, bad);
        String[] tail = doubleColon >= 0 ? splitGroups(body.substring(doubleColon + 2), bad) : new String[0];
        if (doubleColon < 0 && head.length != 8) {
            throw new AddressFormatException(bad + " (expected 8 groups of up to 4 hex digits, or '::')");
        }
        if (doubleColon >= 0 && head.length + tail.length > 7) {
            throw new AddressFormatException(bad + " (too many groups around '::')");
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            groups[i] = hexGroup(head[i], bad);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = hexGroup(tail[i], bad);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | groups[i];
            lo = (lo << 16) | groups[i + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    private static String[] splitGroups(String part, String bad) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] groups = part.split(":", -1);
        for (String g : groups) {
            if (g.isEmpty()) {
                throw new AddressFormatException(bad + " (an empty group; use '::' once for a run of zeros)");
            }
        }
        return groups;
    }

    private static int hexGroup(String group, String bad) {
        if (group.isEmpty() || group.length() > 4) {
            throw new AddressFormatException(bad + " ('" + group + "' is not a group of 1 to 4 hex digits)");
        }
        int value = 0;
        for (char c : group.toCharArray()) {
            int digit = c < 128 ? Character.digit(c, 16) : -1; // ASCII only: Character.digit takes fullwidth and other scripts' digits
            if (digit < 0) {
                throw new AddressFormatException(bad + " ('" + group + "' is not hexadecimal)");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    @Override
    public IpFamily family() {
        return IpFamily.IPV6;
    }

    @Override
    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes());
    }

    @Override
    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    @Override
    public Ipv6Address withValue(BigInteger value) {
        return new Ipv6Address(value.shiftRight(64).and(MASK_64).longValue(), value.and(MASK_64).longValue());
    }

    public int group(int index) {
        long half = index < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (index % 4))) & 0xffff;
    }

    @Override
    public String toString() {
        // RFC 5952: lowercase, no leading zeros, the longest run (>= 2) of zero groups as "::", first one on ties.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (group(i) == 0) {
                int j = i;
                while (j < 8 && group(j) == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(group(i)));
        }
        return out.toString();
    }
}
