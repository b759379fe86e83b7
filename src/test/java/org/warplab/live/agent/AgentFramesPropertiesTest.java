package org.warplab.live.agent;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What the live agents read off a link is arbitrary: none of their parsers throws on it. */
class AgentFramesPropertiesTest {

    @Property(tries = 3000)
    void noAgentParserThrowsOnArbitraryFrames(@ForAll("frames") byte[] frame) {
        Frames.parse(frame);
        ProbeFrames.parse(frame, 7007);
        Mip6Frames.routerAdvertisement(frame);
        Mip6Frames.neighborAdvertisementTarget(frame);
        Mip6Frames.dadTarget(frame);
        Mip6Frames.bindingUpdate(frame);
        Mip6Frames.bindingAck(frame);
        Mip6Frames.ipv6Header(frame);
    }

    /** Arbitrary bytes behind a real header (IPv4, IPv6, ARP, RARP, tagged), so the parsers get past the first layer. */
    @Provide
    Arbitrary<byte[]> frames() {
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(160);
        return Arbitraries.of(0x0800, 0x86DD, 0x0806, 0x8035, 0x8100).flatMap(type -> body.map(b -> {
            byte[] frame = new byte[14 + b.length];
            frame[12] = (byte) (type >> 8);
            frame[13] = (byte) (int) type;
            System.arraycopy(b, 0, frame, 14, b.length);
            if (b.length > 0 && type == 0x0800) {
                frame[14] = (byte) (0x40 | (b[0] & 0x0f)); // version 4
            } else if (b.length > 0 && type == 0x86DD) {
                frame[14] = (byte) (0x60 | (b[0] & 0x0f)); // version 6
            }
            return frame;
        }));
    }
}
