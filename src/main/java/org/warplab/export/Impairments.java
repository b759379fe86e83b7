package org.warplab.export;

import java.math.BigDecimal;
import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.scheme.InterfaceNames;

/**
 * The lab's link delay, jitter, loss and bandwidth as containerlab link impairments: containerlab
 * sets them with {@code containerlab tools netem set} on a deployed node's interface (they are not
 * part of the topology file), each end's egress, so each direction is delayed once, as live mode's
 * netem does.
 */
final class Impairments {

    private Impairments() {
    }

    static String script(Lab lab, String name, List<String> notes) {
        StringBuilder text = new StringBuilder("""
                #!/bin/sh
                # Link impairments of WarpLab lab "%s" for the deployed containerlab lab "%s":
                # delay, jitter, loss and bandwidth of each link, set on both of its ends (netem on the host kernel).
                # Run after 'containerlab deploy'; a node restarted later loses its impairments (run this again).
                set -eu
                """.formatted(lab.name().replaceAll("[\\r\\n\"]+", " "), name));
        int count = 0;
        for (Link link : lab.links()) {
            if (link.delayNs() == 0 && link.jitterNs() == 0 && link.lossPercent() == 0 && link.bandwidthBps() <= 0) {
                continue;
            }
            StringBuilder flags = new StringBuilder();
            if (link.delayNs() > 0) {
                flags.append(" --delay ").append(duration(link.delayNs()));
            }
            if (link.jitterNs() > 0) {
                flags.append(" --jitter ").append(duration(link.jitterNs()));
            }
            if (link.lossPercent() > 0) {
                flags.append(" --loss ").append(BigDecimal.valueOf(link.lossPercent()).stripTrailingZeros().toPlainString());
            }
            if (link.bandwidthBps() > 0) {
                flags.append(" --rate ").append(Math.max(1, link.bandwidthBps() / 1000)); // kbit/s
            }
            text.append("# ").append(link.id()).append(" (").append(link.kind().key()).append(") ").append(link.a()).append(" - ").append(link.b()).append('\n');
            for (String node : List.of(link.a(), link.b())) {
                text.append("containerlab tools netem set -n clab-").append(name).append('-').append(node).append(" -i ")
                        .append(InterfaceNames.linkEnd(link)).append(flags).append('\n');
            }
            count++;
        }
        if (count == 0) {
            text.append("# no link of this lab has a delay, jitter, loss or bandwidth limit\n");
        }
        if (lab.links().stream().anyMatch(l -> l.jitterNs() > 0)) {
            notes.add("jitter: netem draws each frame's delay independently (frames can reorder); the emulator's jitter distribution is not reproduced");
        }
        notes.add("VM attachments (a VM's veth to its data center) are unimpaired, as in live mode: the lab gives them no delay");
        return text.toString();
    }

    /** A Go duration, as containerlab parses it: whole milliseconds as {@code 25ms}, else microseconds. */
    static String duration(long ns) {
        return ns % 1_000_000 == 0 ? ns / 1_000_000 + "ms" : Math.max(1, ns / 1000) + "us";
    }
}
