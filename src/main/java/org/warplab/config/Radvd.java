package org.warplab.config;

import java.util.List;
import java.util.Locale;
import org.warplab.model.IpPrefix;
import org.warplab.model.MobileIpv6;

/**
 * radvd.conf for a Mobile IPv6 router: advertisements every MinRtrAdvInterval..MaxRtrAdvInterval
 * from the lab (RFC 6275 allows 30-70 ms), with the Advertisement Interval option so a mobile node
 * can tell when it lost its router; the home agent also sets the H flag and carries its address in
 * the prefix option.
 */
public final class Radvd {

    private Radvd() {
    }

    /** Seconds with up to three decimals, as radvd reads them: 30 ms is 0.03. */
    static String seconds(long ns) {
        String text = String.format(Locale.ROOT, "%.3f", ns / 1e9);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }

    public static String config(String router, String lanInterface, String dataCenter, List<IpPrefix> prefixes, MobileIpv6 mip, boolean homeAgent) {
        StringBuilder text = new StringBuilder();
        text.append("# ").append(router).append(": router advertisements on ").append(dataCenter).append("'s LAN (")
                .append(homeAgent ? "home agent" : "foreign network").append(")\n");
        text.append("interface ").append(lanInterface).append("\n{\n");
        text.append("\tAdvSendAdvert on;\n");
        text.append("\tMinRtrAdvInterval ").append(seconds(mip.raMinIntervalNs())).append(";\n");
        text.append("\tMaxRtrAdvInterval ").append(seconds(mip.raMaxIntervalNs())).append(";\n");
        text.append("\tAdvIntervalOpt on;\n");
        if (homeAgent) {
            text.append("\tAdvHomeAgentFlag on;\n");
            text.append("\tAdvHomeAgentInfo on;\n");
        }
        for (IpPrefix prefix : prefixes) {
            text.append("\tprefix ").append(prefix).append("\n\t{\n");
            text.append("\t\tAdvOnLink on;\n");
            text.append("\t\tAdvAutonomous on;\n");
            if (homeAgent) {
                text.append("\t\tAdvRouterAddr on;\n");
            }
            text.append("\t};\n");
        }
        text.append("};\n");
        return text.toString();
    }
}
