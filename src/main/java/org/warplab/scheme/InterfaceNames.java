package org.warplab.scheme;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import org.warplab.model.Link;

/**
 * The one place that names Linux network interfaces for a lab. Live mode creates exactly these
 * interfaces, the generated files refer to them, and a user reading a file can tell what each is.
 *
 * <ul>
 *   <li>A link end is named after the link id ({@code W1}, {@code L3}) on both nodes: a node has
 *       one end of a link, so the name is unique in the node, and the same word names the wire on
 *       the canvas.</li>
 *   <li>Devices a node creates itself contain a dot, which a lab id cannot, so they never clash
 *       with a link end: {@code br.lan} (a data center's LAN bridge), {@code v.<vm>} (a VM's port
 *       on its data center's LAN), {@code sg.<segment id>} (a segment's bridge), {@code vx.<id>}
 *       (a VXLAN device), {@code <link>.<vlan>} (an 802.1Q sub-interface), {@code mip6} (the
 *       Mobile IPv6 tunnel).</li>
 *   <li>A VM's own interface is {@code eth0}, the only one in its namespace besides {@code lo}.</li>
 * </ul>
 * Linux allows at most 15 characters; a longer name keeps its first characters and ends in four
 * hex digits of a CRC-32 of the full name, so it stays stable and distinct.
 */
public final class InterfaceNames {

    public static final int MAX_LENGTH = 15;
    public static final String DATA_CENTER_BRIDGE = "br.lan";
    public static final String VM_INTERFACE = "eth0";
    public static final String MIP6_TUNNEL = "mip6";
    public static final String L2_EXTENSION_BRIDGE = "br.l2x";

    private InterfaceNames() {
    }

    /** The interface at {@code node}'s end of {@code link}. */
    public static String linkEnd(Link link) {
        return fit(link.id());
    }

    /** The data-center side of a VM's attachment to its LAN. */
    public static String vmPort(String vmId) {
        return fit("v." + vmId);
    }

    /**
     * A VM's interface toward a data center it is not in, where the wiring is fixed in advance (a
     * containerlab export): it becomes {@link #VM_INTERFACE} when the VM moves there.
     */
    public static String vmStandbyPort(String dataCenterId) {
        return fit("at." + dataCenterId);
    }

    public static String segmentBridge(long segmentId) {
        return fit("sg." + segmentId);
    }

    public static String vxlan(long vni) {
        return fit("vx." + vni);
    }

    /** The VXLAN device that carries a segment across a LAN link when 802.1Q is not available. */
    public static String lanVxlan(long vni) {
        return fit("vl." + vni);
    }

    /** The home agent's tunnel to one mobile node. */
    public static String homeAgentTunnel(String vmId) {
        return fit("mip6." + vmId);
    }

    /**
     * The relay namespace's end of one side of a link that live mode delays in user space (when the
     * kernel has no netem): the link's own ends keep their names, each now paired with a relay port.
     */
    public static String relayPort(Link link, boolean aSide) {
        return fit((aSide ? "ra." : "rb.") + link.id());
    }

    public static String vlanSubinterface(String parent, int vlanId) {
        return fit(parent + "." + vlanId);
    }

    /** {@code name} if it fits, else its head and a hash of the whole. */
    static String fit(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = String.format(Locale.ROOT, "%04x", crc.getValue() & 0xffff);
        return name.substring(0, MAX_LENGTH - 5) + "~" + hash;
    }
}
