package org.warplab.wire;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.warplab.model.MacAddress;

/**
 * An Ethernet II frame, with an 802.1Q tag or not. The payload is everything after the header,
 * padding included: Ethernet does not say how long its payload is, the layer inside does.
 */
public record EthernetFrame(MacAddress destination, MacAddress source, Optional<VlanTag> vlan, int etherType, Octets payload) {

    public static final int HEADER_BYTES = 14;
    public static final int TAG_BYTES = 4;
    /** The shortest frame on the wire without its FCS; shorter ones are padded. */
    public static final int MINIMUM_BYTES = 60;

    /** An 802.1Q tag: priority (0-7), drop eligible, VLAN id (0-4095). */
    public record VlanTag(int priority, boolean dropEligible, int id) {
        public VlanTag {
            if (priority < 0 || priority > 7 || id < 0 || id > 0xfff) {
                throw new IllegalArgumentException("an 802.1Q tag has a priority 0-7 and a VLAN id 0-4095; got " + priority + ", " + id);
            }
        }

        public static VlanTag of(int id) {
            return new VlanTag(0, false, id);
        }
    }

    public EthernetFrame {
        if (etherType < 0 || etherType > 0xffff || etherType == Wire.ETHERTYPE_VLAN) {
            throw new IllegalArgumentException("EtherType " + etherType + " is not one to carry (a tag is given as vlan)");
        }
    }

    public static EthernetFrame of(MacAddress destination, MacAddress source, int etherType, byte[] payload) {
        return new EthernetFrame(destination, source, Optional.empty(), etherType, Octets.of(payload));
    }

    public int headerBytes() {
        return HEADER_BYTES + (vlan.isPresent() ? TAG_BYTES : 0);
    }

    public byte[] encode() {
        return encode(0);
    }

    /** The frame's bytes, padded with zeros to at least {@code minimumBytes}. */
    public byte[] encode(int minimumBytes) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(minimumBytes, headerBytes() + payload.length()));
        out.put(destination.toBytes()).put(source.toBytes());
        vlan.ifPresent(tag -> out.putShort((short) Wire.ETHERTYPE_VLAN)
                .putShort((short) (tag.priority() << 13 | (tag.dropEligible() ? 1 << 12 : 0) | tag.id())));
        out.putShort((short) etherType).put(payload.shared());
        return out.array();
    }

    public static Decoded<EthernetFrame> decode(byte[] frame) {
        return Decoded.read(frame, in -> {
            MacAddress destination = in.mac("destination MAC");
            MacAddress source = in.mac("source MAC");
            int type = in.u16("EtherType");
            Optional<VlanTag> vlan = Optional.empty();
            if (type == Wire.ETHERTYPE_VLAN) {
                int tci = in.u16("802.1Q tag");
                vlan = Optional.of(new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff));
                type = in.u16("EtherType after the 802.1Q tag");
                if (type == Wire.ETHERTYPE_VLAN) {
                    throw WireReader.malformed("a second 802.1Q tag (QinQ) is not read", in);
                }
            }
            return new EthernetFrame(destination, source, vlan, type, in.rest());
        });
    }
}
