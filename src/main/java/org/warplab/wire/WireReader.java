package org.warplab.wire;

import org.warplab.model.Ipv4Address;
import org.warplab.model.Ipv6Address;
import org.warplab.model.MacAddress;

/**
 * Reads big-endian fields from a window of bytes, and never past its end: a read that would
 * throws {@link MalformedException}, which {@link Decoded#read} turns into a Malformed result.
 */
final class WireReader {

    private final byte[] bytes;
    private final int end;
    private int at;

    WireReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.at = from;
        this.end = end;
    }

    int position() {
        return at;
    }

    int remaining() {
        return end - at;
    }

    int u8(String field) {
        need(1, field);
        return bytes[at++] & 0xff;
    }

    int u16(String field) {
        need(2, field);
        int value = (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
        at += 2;
        return value;
    }

    int u32(String field) {
        need(4, field);
        int value = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
        at += 4;
        return value;
    }

    long u64(String field) {
        long high = u32(field) & 0xffff_ffffL;
        return high << 32 | (u32(field) & 0xffff_ffffL);
    }

    MacAddress mac(String field) {
        need(6, field);
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | (bytes[at + i] & 0xff);
        }
        at += 6;
        return new MacAddress(bits);
    }

    Ipv4Address ipv4(String field) {
        return new Ipv4Address(u32(field));
    }

    Ipv6Address ipv6(String field) {
        need(16, field);
        long high = u64(field);
        return new Ipv6Address(high, u64(field));
    }

    /** The next {@code length} bytes. */
    Octets octets(int length, String field) {
        if (length < 0) {
            throw new MalformedException(field + " has a negative length", at);
        }
        need(length, field);
        Octets value = Octets.of(bytes, at, at + length);
        at += length;
        return value;
    }

    /** Everything up to the end. */
    Octets rest() {
        return octets(remaining(), "payload");
    }

    /** A reader over the next {@code length} bytes only (a header that says how long it is); this one moves past them. */
    WireReader window(int length, String field) {
        need(length, field);
        WireReader inner = new WireReader(bytes, at, at + length);
        at += length;
        return inner;
    }

    void skip(int length, String field) {
        need(length, field);
        at += length;
    }

    private void need(int length, String field) {
        if (length > end - at) {
            throw new MalformedException(field + " needs " + length + " byte" + (length == 1 ? "" : "s") + " at offset " + at
                    + ", but the frame ends " + (end - at) + " byte" + (end - at == 1 ? "" : "s") + " later", at);
        }
    }

    /** A field the bytes do not hold, or hold wrongly. */
    static final class MalformedException extends RuntimeException {
        final int offset;

        MalformedException(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    static MalformedException malformed(String message, WireReader at) {
        return new MalformedException(message, at.at);
    }
}
