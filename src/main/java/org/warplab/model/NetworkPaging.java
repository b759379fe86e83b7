package org.warplab.model;

import java.util.List;
import java.util.Objects;

/**
 * Network paging (paper 000): each listed server-edge router translates its data center's LAN
 * prefix S to a WAN prefix S' keeping host bits; the client-edge translators map S' back to S for
 * the VMs that their location table places behind a translated edge, and switch a VM's entry when
 * the capture program reports its announcement.
 *
 * @param switchProcessingNs time a client-edge translator needs to apply a configuration message
 * @param captureProcessingNs time the capture program needs from seeing an announcement to sending the message
 */
public record NetworkPaging(
        List<Translation> serverEdges,
        List<String> clientEdges,
        AnnounceTrigger trigger,
        long captureProcessingNs,
        long switchProcessingNs) implements SchemeConfig {

    public NetworkPaging {
        serverEdges = List.copyOf(serverEdges);
        clientEdges = List.copyOf(clientEdges);
        Objects.requireNonNull(trigger, "trigger");
    }

    /** The LAN prefix S behind {@code router}, seen on the WAN as {@code wanPrefix} (S', S'', ...). */
    public record Translation(String router, IpPrefix lanPrefix, IpPrefix wanPrefix) {
        public Translation {
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(lanPrefix, "lanPrefix");
            Objects.requireNonNull(wanPrefix, "wanPrefix");
        }
    }

    @Override
    public SchemeKind kind() {
        return SchemeKind.NETWORK_PAGING;
    }
}
