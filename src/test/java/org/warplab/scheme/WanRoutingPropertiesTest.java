package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.warplab.model.IpPrefix;
import org.warplab.model.Lab;
import org.warplab.model.Link;
import org.warplab.model.LinkKind;
import org.warplab.model.Router;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipes;

/**
 * The WAN's shortest paths and the static routes every scheme's configs and emulator share, over
 * the drawn and edited labs the validator accepts: costs are a metric of the WAN, each first hop
 * starts a shortest path, no route shadows what a router holds itself, and the result depends on
 * the lab, not on the order its links are listed in.
 */
class WanRoutingPropertiesTest {

    private static List<Link> wanLinks(Lab lab) {
        return lab.links().stream().filter(l -> l.kind() == LinkKind.WAN && lab.node(l.a(), Router.class).isPresent()
                && lab.node(l.b(), Router.class).isPresent()).toList();
    }

    @Property(tries = 40, seed = "20261207")
    void pathCostsAreAMetricOfTheWanAndFirstHopsStartShortestPaths(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = SchemePropertiesTest.valid(recipe);
        if (lab == null) {
            return;
        }
        Map<String, WanRouting.Paths> all = new java.util.HashMap<>();
        lab.routers().forEach(r -> all.put(r.id(), WanRouting.shortestPaths(lab, r.id())));
        for (WanRouting.Paths paths : all.values()) {
            String source = paths.source();
            assertEquals(0L, paths.cost().get(source), "a router is 0 from itself");
            assertFalse(paths.firstLink().containsKey(source));
            for (Map.Entry<String, Long> reached : paths.cost().entrySet()) {
                String target = reached.getKey();
                assertEquals(reached.getValue(), all.get(target).cost().get(source), "cost " + source + " <-> " + target + " is symmetric");
                if (!target.equals(source)) {
                    Link first = paths.firstLink().get(target);
                    assertTrue(first.touches(source) && first.kind() == LinkKind.WAN, source + " leaves for " + target + " by its own WAN link");
                    String next = first.other(source);
                    assertEquals(reached.getValue(), Math.max(1, first.cost()) + all.get(next).cost().get(target),
                            "the first hop to " + target + " lies on a shortest path from " + source);
                }
            }
            for (Link link : wanLinks(lab)) {
                Long a = paths.cost().get(link.a());
                Long b = paths.cost().get(link.b());
                assertEquals(a == null, b == null, "a WAN link's two ends are both reached or neither: " + link.id());
                if (a != null) {
                    assertTrue(Math.abs(a - b) <= Math.max(1, link.cost()), "no shortcut is left out across " + link.id());
                }
            }
        }
    }

    @Property(tries = 40, seed = "20261208")
    void routesDependOnTheLabNotOnTheOrderOfItsLinks(@ForAll(supplier = Recipes.class) Recipe recipe) {
        Lab lab = SchemePropertiesTest.valid(recipe);
        if (lab == null) {
            return;
        }
        List<Link> shuffled = new ArrayList<>(lab.links());
        Collections.shuffle(shuffled, new Random(recipe.toString().hashCode()));
        Lab reordered = lab.withLinks(shuffled);
        MobilityScheme scheme = MobilityScheme.of(lab);
        for (LabState state : LabState.all(lab)) {
            Map<String, List<Route>> routes = scheme.routes(lab, state.placement());
            assertEquals(routes, scheme.routes(reordered, state.placement()), state.name() + ": links listed " + shuffled.stream().map(Link::id).toList());
            for (Map.Entry<String, List<Route>> entry : routes.entrySet()) {
                Set<IpPrefix> local = Sites.localPrefixes(lab, entry.getKey(), scheme.routersHoldDataCenterPrefixes());
                for (Route route : entry.getValue()) {
                    assertFalse(local.contains(route.destination()), entry.getKey() + " holds " + route.destination() + " itself; no route shadows it");
                    assertEquals(route.destination().family(), route.nextHop().family(), route + " reaches its next hop in the destination's family");
                    assertEquals(WanRouting.shortestPaths(lab, entry.getKey()).cost().get(route.origin()), route.cost(), route + ": its cost is the path's");
                }
            }
        }
    }
}
