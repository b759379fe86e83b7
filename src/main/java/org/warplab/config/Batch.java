package org.warplab.config;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpFamily;

/** Lines of an {@code ip -batch} or {@code bridge -batch} file. Trailing "# ..." comments are stripped by {@link #commands()}. */
public final class Batch {
    private final List<String> lines = new ArrayList<>();

    public void line(String line) {
        lines.add(line);
    }

    /** {@code address add A/len dev DEV}, IPv6 without duplicate address detection (DESIGN §3). */
    public void address(InterfaceAddress address, String dev) {
        lines.add("address add " + address + " dev " + dev + (address.family() == IpFamily.IPV6 ? " nodad" : ""));
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * The file: header comment lines, then one command per line. iproute2's batch reader takes
     * '#' to the end of a line as a comment, so the trailing explanations are kept.
     */
    String text(String header) {
        StringBuilder text = new StringBuilder(header);
        for (String line : lines) {
            text.append(line).append("\n");
        }
        return text.toString();
    }
}
