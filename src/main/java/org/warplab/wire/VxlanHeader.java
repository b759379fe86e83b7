package org.warplab.wire;

import java.nio.ByteBuffer;

/** A VXLAN header (RFC 7348) and the Ethernet frame it carries: the I flag, a 24-bit VNI. */
public record VxlanHeader(int vni, Octets inner) {

    public static final int HEADER_BYTES = 8;

    public VxlanHeader {
        if (vni < 0 || vni > 0xff_ffff) {
            throw new IllegalArgumentException("a VNI is 24 bits; got " + vni);
        }
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_BYTES + inner.length()).put((byte) 0x08).put((byte) 0).putShort((short) 0).putInt(vni << 8)
                .put(inner.shared()).array();
    }

    public static Decoded<VxlanHeader> decode(byte[] bytes) {
        return Decoded.read(bytes, in -> {
            int flags = in.u8("VXLAN flags");
            if ((flags & 0x08) == 0) {
                throw WireReader.malformed("VXLAN without the I flag: no VNI", in);
            }
            in.skip(3, "VXLAN reserved");
            int vni = in.u32("VNI") >>> 8;
            return new VxlanHeader(vni, in.rest());
        });
    }
}
