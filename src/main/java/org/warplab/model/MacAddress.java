package org.warplab.model;

/** A 48-bit Ethernet MAC address, printed as lowercase "02:00:5e:10:00:01". */
public record MacAddress(long bits) {

    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    public MacAddress {
        if (bits < 0 || bits > 0xffff_ffff_ffffL) {
            throw new AddressFormatException("a MAC address has 48 bits");
        }
    }

    public static MacAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new AddressFormatException("a MAC address is required, found nothing");
        }
        // split by hand: split("[:-]") compiles a regular expression on every call, and every lab read
        // (each point of a sweep) parses its MACs
        String stripped = text.strip();
        String[] parts = new String[6];
        int count = 0;
        int from = 0;
        for (int i = 0; i <= stripped.length(); i++) {
            if (i == stripped.length() || stripped.charAt(i) == ':' || stripped.charAt(i) == '-') {
                if (count == parts.length) {
                    count++;
                    break;
                }
                parts[count++] = stripped.substring(from, i);
                from = i + 1;
            }
        }
        if (count != 6) {
            throw new AddressFormatException("'" + text + "' is not a MAC address (expected six hex pairs like 02:00:00:00:10:02)");
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || !isAsciiHex(part.charAt(0)) || !isAsciiHex(part.charAt(1))) {
                throw new AddressFormatException("'" + text + "' is not a MAC address ('" + part + "' is not a hex pair)");
            }
            value = (value << 8) | Integer.parseInt(part, 16);
        }
        return new MacAddress(value);
    }

    private static boolean isAsciiHex(char c) {
        return c < 128 && Character.digit(c, 16) >= 0;
    }

    public byte[] toBytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return out;
    }

    public boolean isMulticast() {
        return ((bits >>> 40) & 1) == 1;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            int octet = (int) (bits >>> (40 - 8 * i)) & 0xff;
            out.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return out.toString();
    }
}
