package org.warplab.config;

import java.util.List;
import java.util.Optional;
import org.warplab.model.DataCenter;
import org.warplab.model.InterfaceAddress;
import org.warplab.model.IpAddress;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.Router;
import org.warplab.scheme.ControlStep;
import org.warplab.scheme.InterfaceNames;
import org.warplab.scheme.L2ExtensionBaseline;
import org.warplab.scheme.LabState;
import org.warplab.scheme.Route;
import org.warplab.scheme.Sites;

/** The layer-2 extension baseline: each stretched data-center LAN bridged over a VXLAN between its edges. */
record L2ExtensionFiles(Lab lab, L2ExtensionBaseline scheme) implements SchemeFiles {

    /** A stretched LAN's port joins the stretch bridge (in {@link #router}); the gateway lives on that bridge. */
    @Override
    public boolean dataCenterPort(Router router, Link link, String dev, DataCenter dc, DeviceConfig device) {
        if (scheme.stretchOf(lab, dc.id()).isEmpty()) {
            return false;
        }
        device.ip().line("link set dev " + dev + " mtu " + link.mtu() + " up");
        return true;
    }

    @Override
    public void router(Router router, LabState state, DeviceConfig device, List<Route> routes, List<ControlStep> steps) {
        Batch ip = device.ip();
        for (DataCenter dc : Sites.dataCentersAt(lab, router.id())) {
            Optional<L2ExtensionBaseline.Stretch> stretch = scheme.stretchOf(lab, dc.id());
            if (stretch.isEmpty()) {
                continue;
            }
            String lanPort = Sites.lanLinkOf(lab, dc.id()).map(InterfaceNames::linkEnd).orElseThrow();
            String vx = InterfaceNames.vxlan(stretch.get().vni());
            String br = InterfaceNames.L2_EXTENSION_BRIDGE;
            ip.line("link add " + br + " type bridge");
            boolean origin = stretch.get().origin().equals(dc.id());
            if (origin) {
                ip.line("link set dev " + br + " address " + dc.gatewayMac());
            }
            ip.line("link set dev " + br + " up");
            ip.line("link set dev " + lanPort + " master " + br);
            ip.line("link add " + vx + " type vxlan id " + stretch.get().vni() + " local " + WanUnderlay.addressOf(lab, router.id()).orElseThrow()
                    + " dstport " + ConfigGenerator.VXLAN_PORT);
            ip.line("link set dev " + vx + " master " + br + " up");
            if (origin) {
                for (IpAddress gateway : dc.gatewayAddresses()) {
                    dc.lanPrefix(gateway.family()).ifPresent(p -> ip.address(new InterfaceAddress(gateway, p.length()), br));
                }
            }
            for (String member : stretch.get().dataCenters()) {
                Router edge = Sites.edgeOf(lab, member).orElseThrow();
                if (!edge.id().equals(router.id())) {
                    WanUnderlay.addressOf(lab, edge.id()).ifPresent(remote ->
                            device.bridge().line("fdb append 00:00:00:00:00:00 dev " + vx + " dst " + remote + "  # stretch to " + member));
                }
            }
        }
    }
}
