package org.warplab.scheme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.warplab.model.IpAddress;
import org.warplab.model.IpPrefix;

/**
 * How two states of a scheme are told apart: {@link SchemeState#changes} lists each slot whose
 * value is new, gone or different, once, in words a user reads in the run log; and the typed states
 * flatten to the facts they hold.
 */
class SchemeStateTest {

    /** Entries over few devices, tables and keys, so that two lists share slots often. */
    @Provide
    Arbitrary<List<StateEntry>> entries() {
        return Combinators.combine(Arbitraries.of("R1", "R2", "HA"), Arbitraries.of("location", "binding"), Arbitraries.of("172.16.10.2", "2001:db8::1", "vm1"),
                Arbitraries.of("PDC", "ADC", "2001:db8:2::5")).as(StateEntry::new).list().ofMaxSize(8)
                .map(list -> List.copyOf(list.stream().collect(java.util.stream.Collectors.toMap(StateEntry::slot, e -> e, (a, b) -> a, LinkedHashMap::new)).values()));
    }

    private static SchemeState of(List<StateEntry> entries) {
        // Origins' learned table is the one typed state whose entries any slot can be put into
        Map<String, String> sites = new LinkedHashMap<>();
        entries.forEach(e -> sites.put(e.slot(), e.value()));
        return new SchemeState.Origins(List.of(), sites);
    }

    @Property
    void aChangeIsListedOncePerSlotWhoseValueDiffers(@ForAll("entries") List<StateEntry> before, @ForAll("entries") List<StateEntry> after) {
        List<String> changes = SchemeState.changes(of(before), of(after));
        Map<String, String> old = new HashMap<>();
        before.forEach(e -> old.put(e.slot(), e.value()));
        Map<String, String> now = new HashMap<>();
        after.forEach(e -> now.put(e.slot(), e.value()));
        Set<String> differing = new HashSet<>(old.keySet());
        differing.addAll(now.keySet());
        differing.removeIf(slot -> java.util.Objects.equals(old.get(slot), now.get(slot)));
        assertEquals(differing.size(), changes.size(), changes.toString());
        for (String change : changes) {
            String slot = change.substring("LAN/learned/".length(), change.indexOf(": "));
            assertTrue(differing.contains(slot), change);
            String expected = "LAN/learned/" + slot + ": " + old.getOrDefault(slot, "(none)") + " -> " + now.getOrDefault(slot, "(none)");
            assertEquals(expected, change);
        }
        assertEquals(changes.size(), SchemeState.changes(of(after), of(before)).size(), "a change read backwards is a change");
        assertTrue(SchemeState.changes(of(before), of(before)).isEmpty(), "a state does not differ from itself");
    }

    @Test
    void aPrefixAnnouncedByTwoRoutersIsOneOriginFactNamingBoth() {
        IpPrefix lan = IpPrefix.parse("172.16.0.0/16");
        SchemeState.Origins state = new SchemeState.Origins(List.of(new Advertisement("R1", lan, "LAN of PDC"), new Advertisement("R2", lan, "LAN of ADC"),
                new Advertisement("R2", IpPrefix.parse("10.9.0.0/16"), "LAN of X")), Map.of("vm1", "ADC"));
        assertEquals(List.of(new StateEntry("WAN", "origin", "172.16.0.0/16", "R1,R2"), new StateEntry("WAN", "origin", "10.9.0.0/16", "R2"),
                new StateEntry("LAN", "learned", "vm1", "ADC")), state.entries());
        assertEquals(List.of("WAN/origin/172.16.0.0/16: R1,R2 -> R2"), SchemeState.changes(state,
                new SchemeState.Origins(List.of(new Advertisement("R2", lan, "LAN of ADC"), new Advertisement("R2", IpPrefix.parse("10.9.0.0/16"), "LAN of X")),
                        Map.of("vm1", "ADC"))));
    }

    @Test
    void aHomeAgentWithNoMobileNodeAwayHoldsNothing() {
        assertEquals(List.of(), new SchemeState.Bindings("HA", List.of()).entries());
        IpAddress home = IpAddress.parse("2001:db8:1::100");
        IpAddress careOf = IpAddress.parse("2001:db8:2:0:5054:ff:fe00:100");
        SchemeState away = new SchemeState.Bindings("HA", List.of(new Binding("mn", home, careOf, "FOREIGN", 420_000_000_000L)));
        assertEquals(List.of("HA/binding/2001:db8:1::100: (none) -> 2001:db8:2:0:5054:ff:fe00:100"),
                SchemeState.changes(new SchemeState.Bindings("HA", List.of()), away));
        assertEquals(List.of("HA/binding/2001:db8:1::100: 2001:db8:2:0:5054:ff:fe00:100 -> (none)"),
                SchemeState.changes(away, new SchemeState.Bindings("HA", List.of())), "coming home removes the binding");
    }

    @Test
    void aLocationIsTranslatedExactlyWhenItsWanAddressDiffers() {
        IpAddress a = IpAddress.parse("172.16.10.2");
        assertFalse(new VmLocation("R3", "vm1", a, "ADC", a).translated());
        assertTrue(new VmLocation("R3", "vm1", a, "PDC", IpAddress.parse("172.15.10.2")).translated());
        assertThrows(NullPointerException.class, () -> new VmLocation("R3", "vm1", a, null, a));
    }

    @Test
    void typedStatesKeepACopyOfWhatTheyWereGiven() {
        List<VmLocation> locations = new java.util.ArrayList<>();
        SchemeState.Paging paging = new SchemeState.Paging(List.of(), locations);
        locations.add(new VmLocation("R3", "vm1", IpAddress.parse("10.0.0.1"), "PDC", IpAddress.parse("10.0.0.1")));
        assertEquals(List.of(), paging.entries(), "a later change to the caller's list does not reach the state");
        Map<String, String> sites = new HashMap<>(Map.of("vm1", "PDC"));
        SchemeState.Origins origins = new SchemeState.Origins(List.of(), sites);
        sites.put("vm2", "ADC");
        assertEquals(1, origins.entries().size());
        assertThrows(UnsupportedOperationException.class, () -> origins.vmSites().put("vm3", "X"));
    }
}
