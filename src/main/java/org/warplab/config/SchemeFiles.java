package org.warplab.config;

import java.util.List;
import java.util.Optional;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Router;
import org.warplab.model.Vm;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.L2ExtensionBaseline;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.NetworkPagingScheme;
import org.warplab.scheme.NoSchemeBaseline;
import org.warplab.scheme.Route;
import org.warplab.scheme.RoutingMoveBaseline;
import org.warplab.scheme.SegmentationScheme;

/**
 * A scheme's own configuration, on top of the node and link plumbing {@link ConfigGenerator}
 * writes for every lab: each method is one place where a scheme adds to or replaces the plumbing,
 * and does nothing by default. One object per lab, chosen once ({@link #of}); the emulator's
 * {@code SchemeBehaviour} is the same idea for virtual time.
 */
public interface SchemeFiles {

    /** The scheme whose files these are: its routes, advertisements and control steps. */
    MobilityScheme scheme();

    /** A router, before its ports are configured (segment bridges that its LAN ports join). */
    default void beforeRouterPorts(Router router, DeviceConfig device) {
    }

    /** A router's port toward a data center; true when the scheme configured it (else the port is the DC's gateway). */
    default boolean dataCenterPort(Router router, Link link, String dev, DataCenter dc, DeviceConfig device) {
        return false;
    }

    /** A router, after its ports: the scheme's own devices and files in state {@code state}. */
    default void router(Router router, LabState state, DeviceConfig device, List<Route> routes, List<ControlStep> steps) {
    }

    /** A data center's LAN bridge and its VMs' ports; true when the scheme built them (else one plain bridge). */
    default boolean dataCenterLan(DataCenter dc, List<Vm> here, Optional<Link> uplink, DeviceConfig device) {
        return false;
    }

    /** A VM's kernel settings beyond a host's. */
    default void vmSettings(Vm vm, DeviceConfig device) {
    }

    /** Bytes the scheme's encapsulation takes from a VM's MTU. */
    default int vmMtuOverhead() {
        return 0;
    }

    /** A VM's addresses and routes in data center {@code where}; true when the scheme configured them (else the LAN's). */
    default boolean vmAddresses(Vm vm, LabState state, DataCenter where, DeviceConfig device) {
        return false;
    }

    /** The files of the scheme {@code lab} uses. The lab must be valid with {@link ConfigChecks}. */
    static SchemeFiles of(Lab lab, ConfigOptions options) {
        return MobilityScheme.of(lab).parts(new MobilityScheme.Parts<SchemeFiles>() {
            @Override
            public SchemeFiles paging(NetworkPagingScheme scheme) {
                return new PagingFiles(lab, scheme);
            }

            @Override
            public SchemeFiles segmentation(SegmentationScheme scheme) {
                return new SegmentationFiles(lab, scheme, options);
            }

            @Override
            public SchemeFiles mobileIpv6(MobileIpv6Scheme scheme) {
                return new MobileIpv6SchemeFiles(lab, scheme, options);
            }

            @Override
            public SchemeFiles none(NoSchemeBaseline scheme) {
                return () -> scheme; // nothing of its own: the plumbing is the network
            }

            @Override
            public SchemeFiles l2Extension(L2ExtensionBaseline scheme) {
                return new L2ExtensionFiles(lab, scheme);
            }

            @Override
            public SchemeFiles routingMove(RoutingMoveBaseline scheme) {
                return () -> scheme; // its routers' FRR is the plumbing's
            }
        });
    }
}
