package org.warplab.export;

import java.util.List;
import java.util.Optional;

/**
 * {@code sysctl-containerlab.conf}: the "default" keys of a node's generated {@code sysctl.conf}
 * (accept_dad, accept_ra, rp_filter, arp_ignore, seg6_enabled, ...) written for each interface
 * containerlab creates before the exec steps run. Live mode creates those interfaces after
 * {@code sysctl.conf}, so they inherit the defaults; here they already exist and would keep the
 * kernel's own (a VM's standby interface would autoconfigure addresses from router
 * advertisements, link addresses would pass DAD). Derived line by line from the generated file,
 * nothing typed anew.
 */
final class InterfaceDefaults {

    static final String FILE = "sysctl-containerlab.conf";

    private InterfaceDefaults() {
    }

    /** The file for {@code interfaces}, or empty when the generated file sets no default key. */
    static Optional<String> of(String node, String sysctlConf, List<String> interfaces) {
        StringBuilder text = new StringBuilder("# " + node + ": the default.* keys of sysctl.conf for the interfaces containerlab made before exec ran\n"
                + "# (live mode creates them after sysctl.conf, so they inherit these); apply with: sysctl -p FILE\n");
        boolean any = false;
        for (String line : sysctlConf.lines().toList()) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            String[] parts = key.split("\\.");
            if (line.startsWith("#") || parts.length != 5 || !parts[0].equals("net") || !parts[2].equals("conf") || !parts[3].equals("default")) {
                continue;
            }
            for (String device : interfaces) {
                // the slash form: interface names may contain dots
                text.append("net/").append(parts[1]).append("/conf/").append(device).append('/').append(parts[4]).append(" = ")
                        .append(line.substring(line.indexOf('=') + 1).strip()).append('\n');
                any = true;
            }
        }
        return any ? Optional.of(text.toString()) : Optional.empty();
    }
}
