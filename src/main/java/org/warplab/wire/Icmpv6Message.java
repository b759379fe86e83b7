package org.warplab.wire;

import java.nio.ByteBuffer;

/** An ICMPv6 message (RFC 4443): type, code and the body after the checksum. */
public record Icmpv6Message(int type, int code, Octets body) {

    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;

    public Icmpv6Message {
        if (type < 0 || type > 0xff || code < 0 || code > 0xff) {
            throw new IllegalArgumentException("ICMPv6 type and code are one byte each");
        }
    }

    public int bytes() {
        return 4 + body.length();
    }

    /** With its checksum over {@code pseudoHeaderSum} (an IPv6 pseudo-header with next header 58). */
    public byte[] encode(long pseudoHeaderSum) {
        ByteBuffer out = ByteBuffer.allocate(bytes()).put((byte) type).put((byte) code).putShort((short) 0).put(body.shared());
        out.putShort(2, (short) InternetChecksum.of(out.array(), 0, bytes(), pseudoHeaderSum));
        return out.array();
    }

    public static Decoded<Icmpv6Message> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int type = in.u8("ICMPv6 type");
            int code = in.u8("ICMPv6 code");
            in.skip(2, "ICMPv6 checksum");
            return new Icmpv6Message(type, code, in.rest());
        });
    }

    /**
     * The options of a neighbour discovery message (RFC 4861 4.6) that start {@code fixedBytes}
     * into the body, each as type and value; an option whose length runs past the message is malformed.
     */
    public Decoded<java.util.List<Option>> options(int fixedBytes) {
        return Decoded.read(body.shared(), in -> {
            in.skip(fixedBytes, "ICMPv6 message before its options");
            java.util.List<Option> options = new java.util.ArrayList<>();
            while (in.remaining() > 0) {
                int optionType = in.u8("option type");
                int length = in.u8("option length") * 8;
                if (length == 0) {
                    throw WireReader.malformed("a neighbour discovery option of length 0", in);
                }
                options.add(new Option(optionType, in.octets(length - 2, "option " + optionType + " of " + length + " bytes")));
            }
            return options;
        });
    }

    /** A neighbour discovery option: its type and the bytes after its type and length. */
    public record Option(int type, Octets value) { }

    /** Reads a 16-byte address at {@code offset} of the body (a solicitation's or advertisement's target). */
    public Decoded<org.warplab.model.Ipv6Address> address(int offset) {
        return Decoded.read(body.shared(), in -> {
            in.skip(offset, "ICMPv6 message before the address");
            return in.ipv6("target address");
        });
    }
}
