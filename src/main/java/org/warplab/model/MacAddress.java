package org.warplab.model;

import java.util.Locale;

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
        String[] parts = text.strip().split("[:-]", -1);
        if (parts.length != 6) {
            throw new AddressFormatException("'" + text + "' is not a MAC address (expected six hex pairs like 02:00:00:00:10:02)");
        }
        long value = 0;
        for (String part : parts) {
            if (part.length() != 2 || !part.chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                throw new AddressFormatException("'" + text + "' is not a MAC address ('" + part + "' is not a hex pair)");
            }
            value = (value << 8) | Integer.parseInt(part, 16);
        }
        return new MacAddress(value);
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
            out.append(String.format(Locale.ROOT, "%02x", (bits >>> (40 - 8 * i)) & 0xff));
        }
        return out.toString();
    }
}
