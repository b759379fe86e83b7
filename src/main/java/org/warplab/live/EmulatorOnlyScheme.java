package org.warplab.live;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.scheme.MobilityScheme;

/**
 * The L2 extension and routing-move baselines: live mode does not run them yet, and says so
 * before anything is created; the emulator runs them.
 */
record EmulatorOnlyScheme(MobilityScheme scheme) implements LiveScheme {

    /** The kinds this part refuses: it names its own schemes, so the list of what live mode runs follows from it. */
    private static final Set<SchemeKind> NOT_LIVE = EnumSet.of(SchemeKind.L2_EXTENSION, SchemeKind.ROUTING_MOVE);

    /** The schemes live mode runs, in the order of {@link SchemeKind}. */
    static final List<SchemeKind> LIVE = Arrays.stream(SchemeKind.values()).filter(k -> !NOT_LIVE.contains(k)).toList();

    EmulatorOnlyScheme {
        if (!NOT_LIVE.contains(scheme.kind())) {
            throw new IllegalArgumentException(scheme.kind().key() + " has a live part of its own");
        }
    }

    @Override
    public boolean runs() {
        return false;
    }

    @Override
    public Optional<String> refusal(Lab lab) {
        List<String> keys = LIVE.stream().map(SchemeKind::key).toList();
        return Optional.of("live mode runs " + String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1)
                + " so far; '" + scheme.kind().key() + "' runs in the emulator (warplab emulate)");
    }
}
