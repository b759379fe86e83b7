package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.warplab.model.lesson.Figure;

/**
 * Every word the lab format writes for an enum: one lowercase word per constant, never shared, read
 * back as that constant, and listed in order in the messages that say what is allowed.
 */
class KeyedTest {

    @ParameterizedTest
    @ValueSource(classes = {AnnounceTrigger.class, ProbeKind.class, DadMode.class, VmRuntime.class, Testbed.class, MigrationMode.class, Severity.class,
        RouterFunction.class, AnnounceKind.class, SegmentGateway.class, SegmentIdKind.class, LinkKind.class, NodeKind.class, Overhead.class, RouterRole.class,
        SchemeKind.class, StorageKind.class, Figure.class, StorageMode.class})
    void eachConstantHasItsOwnWordAndIsReadBackFromIt(Class<?> type) {
        check(type.asSubclass(Enum.class));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void check(Class<? extends Enum> raw) {
        Class type = raw;
        Set<String> seen = new HashSet<>();
        for (Object constant : type.getEnumConstants()) {
            String key = ((Keyed) constant).key();
            assertTrue(key.matches("[a-z0-9]+(-[a-z0-9]+)*"), type.getSimpleName() + "." + constant + ": '" + key + "' is a lowercase word");
            assertTrue(seen.add(key), type.getSimpleName() + ": '" + key + "' names two constants");
            assertEquals(Optional.of(constant), Keyed.byKey(type, key));
            assertEquals(Optional.empty(), Keyed.byKey(type, key.toUpperCase(java.util.Locale.ROOT) + "x"), "no other spelling is read");
        }
        assertEquals(Arrays.stream(type.getEnumConstants()).map(c -> ((Keyed) c).key()).collect(Collectors.joining(", ")), Keyed.keys(type));
        assertEquals(Optional.empty(), Keyed.byKey(type, ""));
    }
}
