package org.warplab.live.agent;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client edge's switch (the generated {@code switch-MIG.nft}: one map element out, its
 * replacement in) sent to the kernel as the nf_tables netlink batch {@code nft -f} would send for
 * it, from the switcher's own thread: no nft process, no pipe, no command parsing and no
 * ruleset cache to fetch at switch time. The kernel handles a batch inside the send and commits it
 * before it acknowledges, so the two acknowledgements read back are the proof the switch is in.
 *
 * <p>The messages are those {@code nft --debug=mnl -f switch-MIG.nft} shows (the test compares
 * them), except that each element message asks for an acknowledgement and names the map by name
 * only (nft adds the set's batch id, which the kernel needs only for a set made in the same batch).
 */
final class NetlinkMapSwitch {

    // linux/netlink.h, linux/netfilter/nfnetlink.h, linux/netfilter/nf_tables.h
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_NETFILTER = 12;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EAGAIN = 11;
    private static final int NLMSG_ERROR = 2;
    private static final int NLM_F_REQUEST = 0x1;
    private static final int NLM_F_ACK = 0x4;
    private static final int NLM_F_CREATE = 0x400;
    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFNL_MSG_BATCH_BEGIN = 16;
    private static final int NFNL_MSG_BATCH_END = 17;
    private static final int NFT_MSG_NEWSETELEM = 12;
    private static final int NFT_MSG_DELSETELEM = 14;
    private static final int NFT_MSG_GETGEN = 16;
    private static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final int NFTA_SET_ELEM_LIST_SET = 2;
    private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    private static final int NFTA_LIST_ELEM = 1;
    private static final int NFTA_SET_ELEM_KEY = 1;
    private static final int NFTA_SET_ELEM_DATA = 2;
    private static final int NFTA_DATA_VALUE = 1;
    private static final int NFTA_DATA_VERDICT = 2;
    private static final int NFTA_VERDICT_CODE = 1;
    private static final int NFTA_VERDICT_CHAIN = 2;
    private static final int NLA_F_NESTED = 0x8000;
    private static final int NFT_JUMP = -3;
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;

    /** The two lines {@code Nftables.switchCommands} writes; anything else is left to nft. */
    private static final Pattern SWITCH = Pattern.compile(
            "\\s*delete element (ip6?) (\\S+) (\\S+) \\{ (\\S+) }\\s*(?:\\n|;)\\s*add element \\1 \\2 \\3 \\{ \\4 : jump (\\S+) }\\s*;?\\s*");

    private final String rule;
    private final byte[] batch;
    private int socket = -1;

    private NetlinkMapSwitch(String rule, byte[] batch) {
        this.rule = rule;
        this.batch = batch;
    }

    /** The switch for {@code rule} when it is a map element's replacement this class can send, else empty (nft does it). */
    static Optional<NetlinkMapSwitch> of(String rule) {
        Matcher m = SWITCH.matcher(rule);
        if (!m.matches()) {
            return Optional.empty();
        }
        String address = m.group(4);
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return Optional.empty(); // not an address literal (a name would be looked up): nft says what is wrong with it
        }
        byte[] key;
        try {
            key = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int family = m.group(1).equals("ip") ? NFPROTO_IPV4 : NFPROTO_IPV6;
        if (key.length != (family == NFPROTO_IPV4 ? 4 : 16)) {
            return Optional.empty(); // an address of the other family: nft refuses it with its own words
        }
        return Optional.of(new NetlinkMapSwitch(rule, batch(family, m.group(2), m.group(3), key, m.group(5))));
    }

    /** The batch: begin, the old element deleted, the new one added (jumping to {@code chain}), end. */
    static byte[] batch(int family, String table, String map, byte[] key, String chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(message(NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, 0, 0, NFNL_SUBSYS_NFTABLES, new byte[0]));
        byte[] keyAttribute = nested(NFTA_SET_ELEM_KEY, attribute(NFTA_DATA_VALUE, key));
        byte[] deleted = concat(names(table, map), nested(NFTA_SET_ELEM_LIST_ELEMENTS, nested(NFTA_LIST_ELEM, keyAttribute)));
        out.writeBytes(message(NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_DELSETELEM, NLM_F_REQUEST | NLM_F_ACK, 1, family, 0, deleted));
        byte[] verdict = nested(NFTA_SET_ELEM_DATA, nested(NFTA_DATA_VERDICT,
                concat(attribute(NFTA_VERDICT_CODE, ByteBuffer.allocate(4).putInt(NFT_JUMP).array()), attribute(NFTA_VERDICT_CHAIN, strz(chain)))));
        byte[] added = concat(names(table, map), nested(NFTA_SET_ELEM_LIST_ELEMENTS, nested(NFTA_LIST_ELEM, concat(keyAttribute, verdict))));
        out.writeBytes(message(NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_NEWSETELEM, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK, 2, family, 0, added));
        out.writeBytes(message(NFNL_MSG_BATCH_END, NLM_F_REQUEST, 3, 0, NFNL_SUBSYS_NFTABLES, new byte[0]));
        return out.toByteArray();
    }

    /**
     * Sends the batch and reads the kernel's answers: null when both changes were acknowledged
     * (committed), else what went wrong in the words of the kernel's error number.
     */
    String apply() {
        return exchange(batch, 2);
    }

    /**
     * Runs the answer's path (the same calls and parsing as a switch) {@code times} times with a
     * request that changes nothing, the ruleset's generation, so a switch runs compiled code.
     */
    String warmUp(int times) {
        byte[] generation = message(NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETGEN, NLM_F_REQUEST | NLM_F_ACK, 0, 0, 0, new byte[0]);
        for (int i = 0; i < times; i++) {
            String failure = exchange(generation, 1);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Sends {@code request} and reads the kernel's answers until {@code acknowledgements} arrived; null when they did. */
    private String exchange(byte[] request, int acknowledgements) {
        try {
            if (socket < 0) {
                socket = Libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
            }
            byte[] answer = new byte[8192];
            while (received(answer, MSG_DONTWAIT) > 0) {
                // an answer left from an earlier switch that failed half way is not this one's
            }
            long sent = Libc.send(socket, request, new NativeLong(request.length), 0).longValue();
            if (sent != request.length) {
                return "netlink took " + sent + " of the request's " + request.length + " bytes";
            }
            // the kernel processed the batch inside send(): its answers are queued already
            int acknowledged = 0;
            int length;
            while (acknowledged < acknowledgements && (length = received(answer, MSG_DONTWAIT)) > 0) {
                ByteBuffer in = ByteBuffer.wrap(answer, 0, length).order(ByteOrder.nativeOrder());
                while (in.remaining() >= 16) {
                    int start = in.position();
                    int messageLength = in.getInt(start);
                    int type = in.getShort(start + 4) & 0xffff;
                    if (messageLength < 16 || start + messageLength > length) {
                        break;
                    }
                    if (type == NLMSG_ERROR) {
                        int error = in.getInt(start + 16);
                        if (error != 0) {
                            return "the kernel refused it: " + Libc.strerror(-error) + " (errno " + -error + ")";
                        }
                        acknowledged++;
                    }
                    in.position(start + align(messageLength));
                }
            }
            return acknowledged == acknowledgements ? null : "the kernel acknowledged " + acknowledged + " of " + acknowledgements + " messages";
        } catch (LastErrorException e) {
            return "netlink: " + Libc.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode() + ")";
        }
    }

    /** One receive, or 0 when nothing is queued. */
    private int received(byte[] buffer, int flags) {
        try {
            return (int) Libc.recv(socket, buffer, new NativeLong(buffer.length), flags).longValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN) {
                return 0;
            }
            throw e;
        }
    }

    String rule() {
        return rule;
    }

    void close() {
        if (socket >= 0) {
            Libc.close(socket);
            socket = -1;
        }
    }

    private static byte[] names(String table, String map) {
        return concat(attribute(NFTA_SET_ELEM_LIST_TABLE, strz(table)), attribute(NFTA_SET_ELEM_LIST_SET, strz(map)));
    }

    private static byte[] message(int type, int flags, int sequence, int family, int resourceId, byte[] attributes) {
        int length = 16 + 4 + attributes.length;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        b.put((byte) family).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) resourceId);
        b.put(attributes);
        return b.array();
    }

    private static byte[] nested(int type, byte[] content) {
        return attribute(type | NLA_F_NESTED, content);
    }

    private static byte[] attribute(int type, byte[] value) {
        int length = 4 + value.length;
        ByteBuffer b = ByteBuffer.allocate(align(length)).order(ByteOrder.nativeOrder());
        b.putShort((short) length).putShort((short) type).put(value);
        return b.array();
    }

    private static byte[] strz(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, z, 0, bytes.length);
        return z;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }
}
