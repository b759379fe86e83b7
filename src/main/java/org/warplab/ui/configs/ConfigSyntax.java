package org.warplab.ui.configs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simple colouring of generated configuration text (iproute2 batches, nftables, radvd, FRR,
 * sysctl, READMEs): comments, keywords of those tools, and addresses (IPv4/IPv6 with an optional
 * prefix length, MACs). One line at a time; no state carries between lines.
 */
final class ConfigSyntax {

    enum Kind { PLAIN, COMMENT, KEYWORD, ADDRESS }

    record Token(String text, Kind kind) { }

    private static final Pattern TOKEN = Pattern.compile(
            "(?<mac>\\b[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}\\b)"
            + "|(?<v4>\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?\\b)"
            + "|(?<v6>(?<![\\w:])(?:[0-9a-fA-F]{1,4}:){1,7}(?::|[0-9a-fA-F]{1,4})(?::[0-9a-fA-F]{1,4})*(?:/\\d{1,3})?(?![\\w:]))"
            + "|(?<v6short>(?<![\\w:])::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?(?:/\\d{1,3})?(?![\\w:]))"
            + "|(?<word>\\b[A-Za-z][A-Za-z0-9_-]*\\b)");

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
            // iproute2 and bridge
            "link", "add", "del", "delete", "set", "dev", "address", "addr", "route", "via", "type", "veth", "peer", "name", "netns",
            "master", "up", "down", "mtu", "bridge", "vxlan", "vni", "id", "vlan", "table", "rule", "from", "to", "lookup", "encap",
            "seg6", "mode", "ip6tnl", "local", "remote", "dstport", "nolearning", "nodad", "default", "metric", "fdb", "append", "self",
            "pvid", "untagged", "tunnel",
            // nftables
            "flush", "chain", "hook", "priority", "policy", "accept", "drop", "return", "ip", "ip6", "inet", "saddr", "daddr", "notrack",
            "prerouting", "postrouting", "input", "output", "forward", "filter", "nat", "raw", "map", "snat", "dnat", "prefix", "counter",
            "meta", "iif", "oif", "iifname", "oifname", "ether",
            // radvd
            "interface", "AdvSendAdvert", "MinRtrAdvInterval", "MaxRtrAdvInterval", "AdvHomeAgentFlag", "AdvHomeAgentInfo",
            "AdvIntervalOpt", "AdvOnLink", "AdvAutonomous", "AdvRouterAddr", "HomeAgentLifetime", "HomeAgentPreference", "on", "off",
            // FRR
            "router", "ospf", "ospf6", "network", "area", "redistribute", "static", "connected", "timers", "throttle", "spf", "lsa",
            "hostname", "frr", "defaults", "traditional", "log", "exit", "ipv6", "hello-interval", "dead-interval", "no");

    private ConfigSyntax() {
    }

    static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int comment = commentStart(line);
        String code = comment < 0 ? line : line.substring(0, comment);
        Matcher m = TOKEN.matcher(code);
        int at = 0;
        StringBuilder plain = new StringBuilder();
        while (m.find()) {
            Kind kind;
            if (m.group("word") != null) {
                kind = KEYWORDS.contains(m.group()) ? Kind.KEYWORD : Kind.PLAIN;
            } else {
                kind = Kind.ADDRESS;
            }
            plain.append(code, at, m.start());
            if (kind == Kind.PLAIN) {
                plain.append(m.group());
            } else {
                if (plain.length() > 0) {
                    out.add(new Token(plain.toString(), Kind.PLAIN));
                    plain.setLength(0);
                }
                out.add(new Token(m.group(), kind));
            }
            at = m.end();
        }
        plain.append(code.substring(at));
        if (plain.length() > 0) {
            out.add(new Token(plain.toString(), Kind.PLAIN));
        }
        if (comment >= 0) {
            out.add(new Token(line.substring(comment), Kind.COMMENT));
        }
        return out;
    }

    /** Where a comment starts: '#' (shell, nftables, radvd, sysctl) or '!' at the start of an FRR line; -1 if none. */
    private static int commentStart(String line) {
        String stripped = line.stripLeading();
        if (stripped.startsWith("!")) {
            return line.length() - stripped.length();
        }
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
