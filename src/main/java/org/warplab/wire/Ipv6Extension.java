package org.warplab.wire;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.warplab.model.Ipv6Address;

/**
 * One IPv6 extension header of the kinds that share the "next header, length in 8-octet units"
 * shape: hop-by-hop options, routing, destination options. The body is what follows those two bytes.
 */
public record Ipv6Extension(int type, int nextHeader, Octets body) {

    /** RFC 6275 6.3: the Home Address destination option. */
    public static final int OPTION_HOME_ADDRESS = 201;
    /** RFC 6275 6.4: the routing header that carries a mobile node's home address. */
    public static final int ROUTING_TYPE_2 = 2;

    public Ipv6Extension {
        if (!isExtension(type) || nextHeader < 0 || nextHeader > 0xff) {
            throw new IllegalArgumentException("extension header type " + type + " / next header " + nextHeader + " is not one this reads");
        }
        if ((body.length() + 2) % 8 != 0 || body.length() + 2 > 8 * 256) {
            throw new IllegalArgumentException("an extension header is a multiple of 8 bytes long; its body is " + body.length());
        }
    }

    static boolean isExtension(int protocol) {
        return protocol == Wire.PROTOCOL_HOP_BY_HOP || protocol == Wire.PROTOCOL_ROUTING || protocol == Wire.PROTOCOL_DESTINATION_OPTIONS;
    }

    /** A type 2 routing header: one segment left, the home address. */
    public static Ipv6Extension routingType2(int nextHeader, Ipv6Address home) {
        ByteBuffer body = ByteBuffer.allocate(22);
        body.put((byte) ROUTING_TYPE_2).put((byte) 1).putInt(0).putLong(home.high()).putLong(home.low());
        return new Ipv6Extension(Wire.PROTOCOL_ROUTING, nextHeader, Octets.of(body.array()));
    }

    /** Destination options holding the Home Address option, after a PadN that gives it its 8n+6 alignment. */
    public static Ipv6Extension homeAddressOption(int nextHeader, Ipv6Address home) {
        ByteBuffer body = ByteBuffer.allocate(22);
        body.put((byte) 1).put((byte) 2).putShort((short) 0).put((byte) OPTION_HOME_ADDRESS).put((byte) 16).putLong(home.high()).putLong(home.low());
        return new Ipv6Extension(Wire.PROTOCOL_DESTINATION_OPTIONS, nextHeader, Octets.of(body.array()));
    }

    public int bytes() {
        return body.length() + 2;
    }

    public byte[] encode() {
        return ByteBuffer.allocate(bytes()).put((byte) nextHeader).put((byte) (bytes() / 8 - 1)).put(body.shared()).array();
    }

    static Ipv6Extension read(int type, WireReader in) {
        int next = in.u8("extension header's next header");
        int length = (in.u8("extension header length") + 1) * 8;
        return new Ipv6Extension(type, next, in.octets(length - 2, "extension header of " + length + " bytes"));
    }

    /**
     * The home address this header carries: a type 2 routing header's address, or a destination
     * options header's Home Address option. Options are read within this header only: one that
     * claims more bytes than the header holds is malformed, never read into what follows.
     */
    public Decoded<Optional<Ipv6Address>> homeAddress() {
        if (type == Wire.PROTOCOL_ROUTING) {
            return Decoded.read(body.shared(), in -> {
                int routingType = in.u8("routing type");
                in.skip(5, "segments left and reserved");
                return routingType == ROUTING_TYPE_2 ? Optional.of(in.ipv6("home address")) : Optional.empty();
            });
        }
        if (type != Wire.PROTOCOL_DESTINATION_OPTIONS) {
            return new Decoded.Ok<>(Optional.empty());
        }
        return Decoded.read(body.shared(), in -> {
            Optional<Ipv6Address> home = Optional.empty();
            while (in.remaining() > 0) {
                int option = in.u8("option type");
                if (option == 0) {
                    continue; // Pad1
                }
                int length = in.u8("option length");
                WireReader value = in.window(length, "option " + option + " of " + length + " bytes");
                if (option == OPTION_HOME_ADDRESS) {
                    if (length != 16) {
                        throw WireReader.malformed("a Home Address option of " + length + " bytes (16)", value);
                    }
                    home = Optional.of(value.ipv6("home address"));
                }
            }
            return home;
        });
    }
}
