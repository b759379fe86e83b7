package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Link;
import org.warplab.model.Router;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * Every scheme over the labs the validator accepts (drawn and edited, under each scheme): the
 * states, steps, advertisements and routes that the emulator, the configs and live mode all read.
 */
class SchemePropertiesTest {

    @Provide
    Arbitrary<Recipe> labs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary();
    }

    /** The valid lab of {@code recipe}, or null (counted) when the validator has errors for it. */
    static Lab valid(Recipe recipe) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        boolean ok = !LabValidator.hasErrors(LabValidator.validate(lab));
        Statistics.label("lab").collect(ok ? lab.scheme().key() : "has errors");
        return ok ? lab : null;
    }

    @Property(tries = 250, seed = "20261203")
    void aMigrationTakesStepsExactlyWhenItChangesTheState(@ForAll("labs") Recipe recipe) {
        Lab lab = valid(recipe);
        if (lab == null) {
            return;
        }
        MobilityScheme scheme = MobilityScheme.of(lab);
        assertEquals(lab.scheme(), scheme.kind());
        for (LabState state : LabState.all(lab)) {
            if (state.isBefore()) {
                assertTrue(SchemeState.changes(scheme.state(lab, state.placement()), scheme.state(lab, state.placement())).isEmpty(),
                        "a state does not differ from itself");
                continue;
            }
            SchemeState before = scheme.state(lab, state.previous().orElseThrow());
            SchemeState after = scheme.state(lab, state.placement());
            List<String> changes = SchemeState.changes(before, after);
            assertEquals(changes.size(), SchemeState.changes(after, before).size(), "a change read backwards is a change");
            List<ControlStep> steps = scheme.steps(lab, state.previous().orElseThrow(), state.migration().orElseThrow());
            assertEquals(steps, scheme.steps(lab, state.previous().orElseThrow(), state.migration().orElseThrow()), "steps are a function");
            for (ControlStep step : steps) {
                assertTrue(lab.node(step.device()).isPresent(), step + " is on a node of the lab");
                assertFalse(step.description().isBlank());
                assertNotEquals(step.from(), step.to(), step.description() + " changes something");
            }
            assertEquals(changes.isEmpty(), steps.isEmpty(), "a migration takes steps exactly when the state changes: " + changes + " by " + steps);
        }
    }

    @Property(tries = 250, seed = "20261204")
    void everyRouteLeavesByALinkOfItsRouterTowardAnAdvertisingRouter(@ForAll("labs") Recipe recipe) {
        Lab lab = valid(recipe);
        if (lab == null) {
            return;
        }
        MobilityScheme scheme = MobilityScheme.of(lab);
        for (LabState state : LabState.all(lab)) {
            List<Advertisement> ads = scheme.advertisements(lab, state.placement());
            Set<String> advertisers = new HashSet<>();
            for (Advertisement ad : ads) {
                assertTrue(lab.node(ad.router(), Router.class).isPresent(), ad + " is made by a router");
                advertisers.add(ad.router());
            }
            Map<String, List<Route>> routes = scheme.routes(lab, state.placement());
            assertEquals(routes, scheme.routes(lab, state.placement()), "routes are a function");
            for (Map.Entry<String, List<Route>> entry : routes.entrySet()) {
                String router = entry.getKey();
                Set<String> destinations = new HashSet<>();
                for (Route route : entry.getValue()) {
                    Link link = lab.link(route.link()).orElseThrow(() -> new AssertionError(router + ": " + route + " leaves by no link"));
                    assertTrue(link.touches(router), router + ": " + route + " leaves by a link of another router");
                    assertEquals(InterfaceNames.linkEnd(link), route.device());
                    assertTrue(advertisers.contains(route.origin()), route + " leads to a router that advertises nothing");
                    assertNotEquals(router, route.origin(), route + " leads back to its own router");
                    assertTrue(route.cost() > 0, route + " has a cost");
                    assertTrue(destinations.add(route.destination().toString()), router + " has two routes to " + route.destination());
                }
            }
        }
    }

    @Property
    void interfaceNamesFitLinuxAndStayApart(@ForAll("ids") String id, @ForAll("ids") String other) {
        for (String name : List.of(InterfaceNames.vmPort(id), InterfaceNames.vmStandbyPort(id), InterfaceNames.homeAgentTunnel(id),
                InterfaceNames.vlanSubinterface(id, 4094), InterfaceNames.fit(id))) {
            assertTrue(name.length() <= InterfaceNames.MAX_LENGTH, name);
            assertTrue(name.chars().allMatch(c -> c > ' ' && c < 127 && c != '/'), "no space, slash or control character in " + name);
        }
        assertEquals(InterfaceNames.fit(id), InterfaceNames.fit(id), "stable");
        if (id.length() <= InterfaceNames.MAX_LENGTH) {
            assertEquals(id, InterfaceNames.fit(id), "a name that fits is kept");
        }
        if (!id.equals(other) && id.length() <= InterfaceNames.MAX_LENGTH && other.length() <= InterfaceNames.MAX_LENGTH) {
            assertNotEquals(InterfaceNames.vmPort(id), InterfaceNames.vmPort(other));
        }
    }

    @Provide
    Arbitrary<String> ids() {
        // what the validator allows as an id: a letter, then up to 15 letters, digits, '_' or '-'
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('_', '-')
                .ofMinLength(0).ofMaxLength(15).map(s -> "V" + s);
    }
}
