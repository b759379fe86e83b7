package org.warplab.live;

import java.util.List;

/**
 * Finds out what the running kernel supports by trying each feature in a scratch namespace that
 * it removes again. Nothing outside that namespace is touched.
 */
public final class CapabilityProbe {

    private final CommandRunner runner;
    private final HostTools tools;

    public CapabilityProbe(CommandRunner runner, HostTools tools) {
        this.runner = runner;
        this.tools = tools;
    }

    public Capabilities probe() {
        String ns = NamespaceNames.PREFIX + "probe-" + ProcessHandle.current().pid();
        String ip = tools.path("ip");
        runner.run(ip, "netns", "delete", ns);
        runner.check(ip, "netns", "add", ns);
        try {
            runner.check(ip, "-n", ns, "link", "add", "name", "pa", "type", "veth", "peer", "name", "pb");
            runner.check(ip, "-n", ns, "link", "set", "dev", "pa", "up");
            boolean netem = ok(tools.path("tc"), "-n", ns, "qdisc", "add", "dev", "pa", "root", "netem", "delay", "1ms");
            boolean tbf = ok(tools.path("tc"), "-n", ns, "qdisc", "replace", "dev", "pb", "root", "tbf", "rate", "100mbit", "burst", "32kb", "latency", "50ms");
            boolean vlan = ok(ip, "-n", ns, "link", "add", "link", "pa", "name", "pa.10", "type", "vlan", "id", "10");
            boolean filtering = ok(ip, "-n", ns, "link", "add", "name", "pbr", "type", "bridge", "vlan_filtering", "1");
            boolean vxlan = ok(ip, "-n", ns, "link", "add", "name", "pvx", "type", "vxlan", "id", "42", "dstport", "4789", "local", "192.0.2.1");
            boolean ip6tnl = ok(ip, "-n", ns, "link", "add", "name", "p6t", "type", "ip6tnl", "mode", "ip6ip6",
                    "local", "2001:db8::1", "remote", "2001:db8::2");
            boolean seg6 = ok(ip, "-n", ns, "-6", "route", "add", "2001:db8:9::/64", "encap", "seg6", "mode", "encap", "segs", "2001:db8::2", "dev", "pa");
            boolean nat = runner.run(new Command(List.of(ip, "netns", "exec", ns, tools.path("nft"), "-f", "-"),
                    "table ip wlprobe {\n  chain pre {\n    type nat hook prerouting priority dstnat;\n    ip daddr 192.0.2.9 dnat to 192.0.2.10\n  }\n}\n",
                    Command.DEFAULT_TIMEOUT)).ok();
            return new Capabilities(netem, vlan, filtering, ip6tnl, seg6, vxlan, nat, tbf);
        } finally {
            runner.run(ip, "netns", "delete", ns);
        }
    }

    private boolean ok(String... argv) {
        return runner.run(argv).ok();
    }
}
