package org.warplab.config;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.warplab.model.IpFamily;
import org.warplab.model.IpPrefix;
import org.warplab.scheme.PrefixTranslation;
import org.warplab.scheme.VmLocation;

/**
 * nftables rulesets for network paging: stateless prefix translation keeping host bits (DESIGN §3),
 * in a raw-priority prerouting chain with {@code notrack} and the mirror on the source address in
 * postrouting, so a rule change mid-stream meets no conntrack state. Each file loads atomically:
 * {@code table}, {@code delete table}, then the table.
 */
public final class Nftables {

    public static final String TABLE = "warplab_paging";
    public static final String LOCATION_MAP = "vm_location";

    private Nftables() {
    }

    /** {@code ip} or {@code ip6}: the nft family and the address keyword. */
    static String family(IpFamily family) {
        return family == IpFamily.IPV4 ? "ip" : "ip6";
    }

    static String addressType(IpFamily family) {
        return family == IpFamily.IPV4 ? "ipv4_addr" : "ipv6_addr";
    }

    /** The host mask of a prefix as an address: 0.0.255.255 for a /16. */
    static String hostMask(IpPrefix prefix) {
        int bits = prefix.family().bits();
        BigInteger mask = BigInteger.ONE.shiftLeft(bits - prefix.length()).subtract(BigInteger.ONE);
        return prefix.network().withValue(mask).toString();
    }

    /** {@code ip daddr set ip daddr & 0.0.255.255 | 172.16.0.0}: move {@code field} from one prefix to another keeping host bits. */
    static String rewrite(String field, IpPrefix to) {
        String f = family(to.family());
        return f + " " + field + " set " + f + " " + field + " & " + hostMask(to) + " | " + to.network();
    }

    private static String header(String family) {
        return "table " + family + " " + TABLE + "\n"
                + "delete table " + family + " " + TABLE + "\n";
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /**
     * A server edge: from the WAN, S' becomes S before routing; toward the WAN, S becomes S' as the
     * packet leaves (any interface but the data center's LAN).
     */
    public static String serverEdge(String router, List<PrefixTranslation> translations) {
        IpFamily fam = translations.get(0).lanPrefix().family();
        String f = family(fam);
        StringBuilder text = new StringBuilder();
        text.append("#!/usr/sbin/nft -f\n");
        text.append("# ").append(router).append(": network-paging server edge. Stateless translation keeping host bits:\n");
        for (PrefixTranslation t : translations) {
            text.append("#   ").append(t.dataCenter()).append(" ").append(t.lanPrefix()).append(" <-> ").append(t.wanPrefix()).append(" on the WAN\n");
        }
        text.append("# Loads atomically: the table is created, deleted and rebuilt in one transaction.\n");
        text.append(header(f));
        text.append("table ").append(f).append(" ").append(TABLE).append(" {\n");
        text.append("\tchain prerouting {\n");
        text.append("\t\ttype filter hook prerouting priority raw; policy accept;\n");
        for (PrefixTranslation t : translations) {
            text.append("\t\tiifname != \"").append(t.lanInterface()).append("\" ").append(f).append(" daddr ").append(t.wanPrefix())
                    .append(" notrack ").append(rewrite("daddr", t.lanPrefix())).append("\n");
            text.append("\t\tiifname \"").append(t.lanInterface()).append("\" ").append(f).append(" saddr ").append(t.lanPrefix())
                    .append(" notrack\n");
        }
        text.append("\t}\n\n");
        text.append("\tchain postrouting {\n");
        text.append("\t\ttype filter hook postrouting priority srcnat; policy accept;\n");
        for (PrefixTranslation t : translations) {
            text.append("\t\toifname != \"").append(t.lanInterface()).append("\" ").append(f).append(" saddr ").append(t.lanPrefix())
                    .append(" ").append(rewrite("saddr", t.wanPrefix())).append("\n");
        }
        text.append("\t}\n");
        text.append("}\n");
        return text.toString();
    }

    /** The chain a client edge jumps to for VMs in {@code dataCenter}. */
    public static String chainFor(String dataCenter) {
        return "at_" + dataCenter;
    }

    /** One element of the location map: {@code 172.16.10.2 : jump at_PDC}. */
    public static String locationElement(VmLocation location) {
        return location.vmAddress() + " : jump " + chainFor(location.dataCenter());
    }

    /**
     * A client edge: traffic from its clients to a paged VM address jumps, through the location
     * map, to the chain of the data center the VM is in, which rewrites the destination to the
     * address the VM has on the WAN there (or leaves it, for an untranslated data center). Replies
     * from any translated prefix S' get their source moved back to S. Moving a VM changes one
     * element of the map.
     *
     * @param dataCenterPrefixes each data center with a paged prefix, and its translation (null when untranslated)
     */
    public static String clientEdge(String router, List<String> clientInterfaces, List<DataCenterChain> dataCenterPrefixes,
                                    List<PrefixTranslation> translations, List<VmLocation> locations) {
        IpFamily fam = translations.get(0).lanPrefix().family();
        String f = family(fam);
        StringBuilder text = new StringBuilder();
        text.append("#!/usr/sbin/nft -f\n");
        text.append("# ").append(router).append(": network-paging client edge. The map ").append(LOCATION_MAP)
                .append(" says where each VM is; moving a VM replaces its one element.\n");
        text.append("# Loads atomically: the table is created, deleted and rebuilt in one transaction.\n");
        text.append(header(f));
        text.append("table ").append(f).append(" ").append(TABLE).append(" {\n");
        text.append("\tmap ").append(LOCATION_MAP).append(" {\n");
        text.append("\t\ttype ").append(addressType(fam)).append(" : verdict\n");
        if (!locations.isEmpty()) {
            text.append("\t\telements = { ");
            text.append(locations.stream().map(Nftables::locationElement).collect(Collectors.joining(",\n\t\t\t     ")));
            text.append(" }\n");
        }
        text.append("\t}\n\n");
        for (DataCenterChain chain : dataCenterPrefixes) {
            text.append("\tchain ").append(chainFor(chain.dataCenter())).append(" {\n");
            if (chain.translation() == null) {
                text.append("\t\t# ").append(chain.dataCenter()).append(" is not translated: its ").append(chain.lanPrefix()).append(" is routed as is\n");
            } else {
                text.append("\t\t").append(rewrite("daddr", chain.translation().wanPrefix())).append("\n");
            }
            text.append("\t}\n\n");
        }
        text.append("\tchain prerouting {\n");
        text.append("\t\ttype filter hook prerouting priority raw; policy accept;\n");
        List<IpPrefix> paged = translations.stream().map(PrefixTranslation::lanPrefix).distinct().toList();
        for (IpPrefix s : paged) {
            text.append("\t\tiifname { ").append(quoted(clientInterfaces)).append(" } ").append(f).append(" daddr ").append(s)
                    .append(" notrack ").append(f).append(" daddr vmap @").append(LOCATION_MAP).append("\n");
        }
        for (PrefixTranslation t : translations) {
            text.append("\t\t").append(f).append(" saddr ").append(t.wanPrefix()).append(" notrack ").append(rewrite("saddr", t.lanPrefix()))
                    .append("\n");
        }
        text.append("\t}\n");
        text.append("}\n");
        return text.toString();
    }

    /** A data center whose VMs a client edge tracks, and the translation of its prefix (null: untranslated). */
    public record DataCenterChain(String dataCenter, IpPrefix lanPrefix, PrefixTranslation translation) {
    }

    /**
     * The switch the announcement watcher makes at a client edge when a VM arrives: the old element
     * out and the new one in, in one nft transaction (one file, or the same two lines fed to a
     * long-lived {@code nft -i}).
     */
    public static String switchCommands(VmLocation before, VmLocation after) {
        String f = family(after.vmAddress().family());
        return "delete element " + f + " " + TABLE + " " + LOCATION_MAP + " { " + before.vmAddress() + " }\n"
                + "add element " + f + " " + TABLE + " " + LOCATION_MAP + " { " + locationElement(after) + " }\n";
    }
}
