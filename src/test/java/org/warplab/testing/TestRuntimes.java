package org.warplab.testing;

import org.warplab.emulation.EmulatedRuntime;
import org.warplab.live.LiveRuntime;
import org.warplab.run.Runtimes;

/** The runtimes the designer gets in tests: the same ones {@code app} wires for users. */
public final class TestRuntimes {

    private TestRuntimes() {
    }

    public static Runtimes real() {
        return new Runtimes(new EmulatedRuntime(), LiveRuntime.forThisHost());
    }
}
