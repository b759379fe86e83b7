package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.warplab.model.IpPrefix;
import org.warplab.model.L2Extension;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.NoScheme;
import org.warplab.model.Router;
import org.warplab.model.RoutingMove;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.model.Segmentation;

/**
 * How a network keeps a moving VM reachable, as pure functions over a valid lab: what every device
 * holds with the VMs placed a given way, what the WAN carries, and the control steps that take the
 * network from the state before a migration to the state after it. The emulator, the config
 * generators and the live runtime all read these, so the three agree.
 */
public sealed interface MobilityScheme
        permits NetworkPagingScheme, SegmentationScheme, MobileIpv6Scheme, NoSchemeBaseline, L2ExtensionBaseline, RoutingMoveBaseline {

    /** The kind the lab file names this scheme by. */
    default SchemeKind kind() {
        return parts(KINDS);
    }

    /** Each scheme's kind: one exhaustive table, so a new scheme cannot be left without one. */
    Parts<SchemeKind> KINDS = new Parts<>() {
        @Override
        public SchemeKind paging(NetworkPagingScheme scheme) {
            return SchemeKind.NETWORK_PAGING;
        }

        @Override
        public SchemeKind segmentation(SegmentationScheme scheme) {
            return SchemeKind.SEGMENTATION;
        }

        @Override
        public SchemeKind mobileIpv6(MobileIpv6Scheme scheme) {
            return SchemeKind.MOBILE_IPV6;
        }

        @Override
        public SchemeKind none(NoSchemeBaseline scheme) {
            return SchemeKind.NONE;
        }

        @Override
        public SchemeKind l2Extension(L2ExtensionBaseline scheme) {
            return SchemeKind.L2_EXTENSION;
        }

        @Override
        public SchemeKind routingMove(RoutingMoveBaseline scheme) {
            return SchemeKind.ROUTING_MOVE;
        }
    };

    /**
     * This scheme's part of a layer: calls the one method of {@code parts} that names this scheme.
     * A layer (config files, emulator, live mode) gives every scheme its part by implementing
     * {@link Parts}; a new scheme is a compile error in each layer that has not given it one.
     */
    <T> T parts(Parts<T> parts);

    /** A layer's part for each scheme, one method a scheme (Java 17 has no pattern switch: this is how the compiler checks none is missing). */
    interface Parts<T> {
        T paging(NetworkPagingScheme scheme);

        T segmentation(SegmentationScheme scheme);

        T mobileIpv6(MobileIpv6Scheme scheme);

        T none(NoSchemeBaseline scheme);

        T l2Extension(L2ExtensionBaseline scheme);

        T routingMove(RoutingMoveBaseline scheme);
    }

    /** The prefixes routers announce on the WAN with the VMs placed so: WAN link subnets, client sites, and the data centers as this scheme shows them. */
    List<Advertisement> advertisements(Lab lab, Placement placement);

    /** What the devices hold for this scheme with the VMs placed so. */
    SchemeState state(Lab lab, Placement placement);

    /** The changes, device by device, that carry out {@code migration} from placement {@code before}. */
    List<ControlStep> steps(Lab lab, Placement before, Migration migration);

    /** Whether a router's data-center LAN prefixes are on its own interfaces (not so for segmentation, whose LANs are tenant segments). */
    default boolean routersHoldDataCenterPrefixes() {
        return true;
    }

    /** The static routes of every router with the VMs placed so. */
    default Map<String, List<Route>> routes(Lab lab, Placement placement) {
        List<Advertisement> ads = advertisements(lab, placement);
        Map<String, Set<IpPrefix>> local = new LinkedHashMap<>();
        for (Router router : lab.routers()) {
            local.put(router.id(), Sites.localPrefixes(lab, router.id(), routersHoldDataCenterPrefixes()));
        }
        return WanRouting.routes(lab, ads, local);
    }

    /** The scheme the lab uses. The lab must be valid (see {@link org.warplab.model.LabValidator}). */
    static MobilityScheme of(Lab lab) {
        SchemeConfig config = lab.activeScheme().orElseThrow(() ->
                new IllegalArgumentException("the lab uses " + lab.scheme().key() + " but has no settings for it"));
        return of(config);
    }

    static MobilityScheme of(SchemeConfig config) {
        if (config instanceof NetworkPaging paging) {
            return new NetworkPagingScheme(paging);
        } else if (config instanceof Segmentation segmentation) {
            return new SegmentationScheme(segmentation);
        } else if (config instanceof MobileIpv6 mip) {
            return new MobileIpv6Scheme(mip);
        } else if (config instanceof NoScheme) {
            return new NoSchemeBaseline();
        } else if (config instanceof L2Extension) {
            return new L2ExtensionBaseline();
        } else if (config instanceof RoutingMove move) {
            return new RoutingMoveBaseline(move);
        }
        throw new IllegalArgumentException("no scheme for " + config);
    }

    /** WAN link subnets and client sites: what every scheme announces. */
    static List<Advertisement> commonAdvertisements(Lab lab) {
        List<Advertisement> ads = new ArrayList<>(WanRouting.wanLinkSubnets(lab));
        ads.addAll(Sites.clientSites(lab));
        return ads;
    }
}
