package org.warplab.wire;

import java.nio.ByteBuffer;

/**
 * A Mobility Header (RFC 6275 6.1): its type and the message after the checksum, the whole a
 * multiple of 8 bytes. {@link BindingUpdate} and {@link BindingAck} read and write the two
 * messages a home registration uses.
 */
public record MobilityHeader(int payloadProtocol, int type, Octets message) {

    public static final int FIXED_BYTES = 6;
    public static final int BINDING_UPDATE = 5;
    public static final int BINDING_ACK = 6;
    /** RFC 6275 6.1.7: lifetimes travel in units of 4 seconds. */
    public static final long LIFETIME_UNIT_S = 4;

    public MobilityHeader {
        if (payloadProtocol < 0 || payloadProtocol > 0xff || type < 0 || type > 0xff) {
            throw new IllegalArgumentException("a Mobility Header field is out of its range");
        }
        if ((FIXED_BYTES + message.length()) % 8 != 0 || FIXED_BYTES + message.length() > 8 * 256) {
            throw new IllegalArgumentException("a Mobility Header is a multiple of 8 bytes long; its message is " + message.length());
        }
    }

    public int bytes() {
        return FIXED_BYTES + message.length();
    }

    /** With its checksum over {@code pseudoHeaderSum} (an IPv6 pseudo-header with next header 135). */
    public byte[] encode(long pseudoHeaderSum) {
        ByteBuffer out = ByteBuffer.allocate(bytes());
        out.put((byte) payloadProtocol).put((byte) (bytes() / 8 - 1)).put((byte) type).put((byte) 0).putShort((short) 0).put(message.shared());
        out.putShort(4, (short) InternetChecksum.of(out.array(), 0, bytes(), pseudoHeaderSum));
        return out.array();
    }

    /** Reads a header at the start of {@code bytes}; it ends where its length field says. */
    public static Decoded<MobilityHeader> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int payload = in.u8("Mobility Header payload protocol");
            int length = (in.u8("Mobility Header length") + 1) * 8;
            int type = in.u8("mobility message type");
            in.skip(3, "reserved and checksum");
            return new MobilityHeader(payload, type, in.octets(length - FIXED_BYTES, "mobility message of " + length + " bytes"));
        });
    }

    /** A Binding Update (6.1.7). Flags: A 0x8000 (acknowledge), H 0x4000 (home registration), L 0x2000. */
    public record BindingUpdate(int sequence, int flags, int lifetimeUnits) {
        public static final int ACKNOWLEDGE = 0x8000;
        public static final int HOME_REGISTRATION = 0x4000;
        public static final int LINK_LOCAL_COMPATIBILITY = 0x2000;

        public BindingUpdate {
            checkShorts(sequence, flags, lifetimeUnits);
        }

        /** The header with this message and a PadN to the 8-byte boundary. */
        public MobilityHeader header() {
            return new MobilityHeader(Wire.PROTOCOL_NONE, BINDING_UPDATE, Octets.of(ByteBuffer.allocate(10).putShort((short) sequence)
                    .putShort((short) flags).putShort((short) lifetimeUnits).put((byte) 1).put((byte) 2).putShort((short) 0).array()));
        }

        public static Decoded<BindingUpdate> of(MobilityHeader header) {
            return Decoded.read(header.message().shared(), in -> {
                if (header.type() != BINDING_UPDATE) {
                    throw WireReader.malformed("mobility message type " + header.type() + ", not a Binding Update", in);
                }
                return new BindingUpdate(in.u16("sequence"), in.u16("flags"), in.u16("lifetime"));
            });
        }
    }

    /** A Binding Acknowledgement (6.1.8); status below 128 means accepted. */
    public record BindingAck(int status, int flags, int sequence, int lifetimeUnits) {
        public BindingAck {
            checkShorts(sequence, lifetimeUnits, 0);
            if (status < 0 || status > 0xff || flags < 0 || flags > 0xff) {
                throw new IllegalArgumentException("a Binding Acknowledgement's status and flags are one byte each");
            }
        }

        public boolean accepted() {
            return status < 128;
        }

        public MobilityHeader header() {
            return new MobilityHeader(Wire.PROTOCOL_NONE, BINDING_ACK, Octets.of(ByteBuffer.allocate(10).put((byte) status).put((byte) flags)
                    .putShort((short) sequence).putShort((short) lifetimeUnits).put((byte) 1).put((byte) 2).putShort((short) 0).array()));
        }

        public static Decoded<BindingAck> of(MobilityHeader header) {
            return Decoded.read(header.message().shared(), in -> {
                if (header.type() != BINDING_ACK) {
                    throw WireReader.malformed("mobility message type " + header.type() + ", not a Binding Acknowledgement", in);
                }
                return new BindingAck(in.u8("status"), in.u8("flags"), in.u16("sequence"), in.u16("lifetime"));
            });
        }
    }

    /** Lifetime units for {@code seconds}, rounded up, at most what 16 bits hold. */
    public static int lifetimeUnits(long seconds) {
        return (int) Math.min(0xffff, (seconds + LIFETIME_UNIT_S - 1) / LIFETIME_UNIT_S);
    }

    private static void checkShorts(int... values) {
        for (int v : values) {
            if (v < 0 || v > 0xffff) {
                throw new IllegalArgumentException("a 16-bit field holds 0-65535; got " + v);
            }
        }
    }
}
