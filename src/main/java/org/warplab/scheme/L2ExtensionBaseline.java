package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.Migration;

/**
 * Baseline: the LAN of each data center a VM starts in (its origin) is stretched at layer 2 to the
 * other data centers with the same prefix, by a VXLAN between their edge routers. Only the origin's
 * edge holds the gateway and announces the prefix, so a moved VM stays reachable but its traffic
 * hairpins through the origin site.
 */
public record L2ExtensionBaseline() implements MobilityScheme {

    /** VNIs of stretched LANs start here, one per origin data center in lab order. */
    public static final long FIRST_VNI = 10_000;

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.l2Extension(this);
    }

    /** A stretched LAN: the origin data center, its VNI, and the data centers it reaches. */
    public record Stretch(String origin, long vni, List<String> dataCenters) {
        public Stretch {
            dataCenters = List.copyOf(dataCenters);
        }
    }

    /** The stretched LANs: one per data center where a VM starts, reaching every data center that shares one of its prefixes. */
    public List<Stretch> stretches(Lab lab) {
        List<Stretch> result = new ArrayList<>();
        List<String> origins = Placement.initial(lab).dataCenterOf().values().stream().distinct().toList();
        long vni = FIRST_VNI;
        for (DataCenter dc : lab.dataCenters()) {
            if (!origins.contains(dc.id())) {
                continue;
            }
            List<String> members = new ArrayList<>();
            members.add(dc.id());
            for (DataCenter other : lab.dataCenters()) {
                if (!other.id().equals(dc.id()) && other.lanPrefixes().stream().anyMatch(dc.lanPrefixes()::contains)
                        && lab.vms().stream().noneMatch(v -> v.dataCenter().equals(other.id()))) {
                    members.add(other.id());
                }
            }
            if (members.size() > 1) {
                result.add(new Stretch(dc.id(), vni++, members));
            }
        }
        return result;
    }

    /** The stretch a data center takes part in, if any. */
    public Optional<Stretch> stretchOf(Lab lab, String dataCenterId) {
        return stretches(lab).stream().filter(s -> s.dataCenters().contains(dataCenterId)).findFirst();
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        List<Advertisement> ads = new ArrayList<>(MobilityScheme.commonAdvertisements(lab));
        for (DataCenter dc : lab.dataCenters()) {
            Optional<Stretch> stretch = stretchOf(lab, dc.id());
            if (stretch.isEmpty() || stretch.get().origin().equals(dc.id())) {
                ads.addAll(Sites.dataCenterPrefixes(lab, dc));
            }
        }
        return ads;
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        List<Advertisement> dcAds = new ArrayList<>();
        for (DataCenter dc : lab.dataCenters()) {
            Optional<Stretch> stretch = stretchOf(lab, dc.id());
            if (stretch.isEmpty() || stretch.get().origin().equals(dc.id())) {
                dcAds.addAll(Sites.dataCenterPrefixes(lab, dc));
            }
        }
        Map<String, String> sites = new LinkedHashMap<>(placement.dataCenterOf());
        return new SchemeState.Origins(dcAds, sites);
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        return List.of(new ControlStep(migration.to(), "learn", migration.vm(), before.of(migration.vm()), migration.to(),
                "stretched LAN: the bridges learn " + migration.vm() + "'s MAC at " + migration.to()
                        + " from its announcement; traffic still enters and leaves through the origin's gateway"));
    }
}
