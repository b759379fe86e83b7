package org.warplab.live;

import java.util.List;

/** A program live mode needs, the Debian package that brings it, and what it is for. */
public record Requirement(String tool, String debianPackage, String purpose) {

    public static final Requirement IP = new Requirement("ip", "iproute2", "namespaces, links, addresses, routes");
    public static final Requirement TC = new Requirement("tc", "iproute2", "link bandwidth shaping");
    public static final Requirement NFT = new Requirement("nft", "nftables", "address translation (network paging)");
    public static final Requirement RADVD = new Requirement("radvd", "radvd", "router advertisements (Mobile IPv6)");
    public static final Requirement ZEBRA = new Requirement("zebra", "frr", "dynamic routing (subnet move baseline)");
    public static final Requirement OSPFD = new Requirement("ospfd", "frr", "dynamic routing (subnet move baseline)");
    public static final Requirement ETHTOOL = new Requirement("ethtool", "ethtool", "turning off offloads on relayed links");
    public static final Requirement PING = new Requirement("ping", "iputils-ping", "reachability checks");
    public static final Requirement SYSCTL = new Requirement("sysctl", "procps", "forwarding and DAD settings per namespace");
    public static final Requirement NSENTER = new Requirement("nsenter", "util-linux", "running sysctl, nft and ethtool in a namespace's network");
    public static final Requirement TCPDUMP = new Requirement("tcpdump", "tcpdump", "keeping the packets of a live run (--pcap)");
    public static final Requirement QEMU = new Requirement("qemu-system-x86_64", "qemu-system-x86", "real VM guests");

    /** What building any lab on namespaces runs, whatever its scheme. */
    public static final List<Requirement> LAB_BUILD = List.of(IP, NFT, ETHTOOL, SYSCTL, NSENTER);
    /** What the schemes' own agents run beyond a lab build (each scheme's {@code LiveScheme.tools()}); the designer checks them once per host. */
    public static final List<Requirement> SCHEME_AGENTS = List.of(RADVD);
}
