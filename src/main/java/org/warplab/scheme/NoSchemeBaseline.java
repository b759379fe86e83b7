package org.warplab.scheme;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.warplab.model.Lab;
import org.warplab.model.Migration;

/**
 * Baseline: every data center's edge announces its LAN as is (identical prefixes become anycast:
 * each router goes to the nearest). Nothing follows a moving VM, so its traffic keeps going to
 * wherever the WAN sends that prefix.
 */
public record NoSchemeBaseline() implements MobilityScheme {

    @Override
    public <T> T parts(Parts<T> parts) {
        return parts.none(this);
    }

    @Override
    public List<Advertisement> advertisements(Lab lab, Placement placement) {
        List<Advertisement> ads = new ArrayList<>(MobilityScheme.commonAdvertisements(lab));
        lab.dataCenters().forEach(dc -> ads.addAll(Sites.dataCenterPrefixes(lab, dc)));
        return ads;
    }

    @Override
    public SchemeState state(Lab lab, Placement placement) {
        List<Advertisement> dcAds = new ArrayList<>();
        lab.dataCenters().forEach(dc -> dcAds.addAll(Sites.dataCenterPrefixes(lab, dc)));
        Map<String, String> sites = new LinkedHashMap<>(placement.dataCenterOf());
        return new SchemeState.Origins(dcAds, sites);
    }

    @Override
    public List<ControlStep> steps(Lab lab, Placement before, Migration migration) {
        return List.of(new ControlStep(migration.to(), "learn", migration.vm(), before.of(migration.vm()), migration.to(),
                migration.to() + ": the LAN learns " + migration.vm() + "'s MAC from its announcement; the WAN still routes its prefix as before"));
    }
}
