package org.warplab.run;

import java.util.List;

/**
 * What a run of a lab returns, emulated or live.
 *
 * @param runtime "emulator" or "live"
 * @param endNs virtual (or measured) time at which the run ended
 * @param notes facts a reader needs to interpret the figures (e.g. the run was extended)
 */
public record RunResult(
        String lab,
        String scheme,
        String runtime,
        long seed,
        long endNs,
        List<MigrationMetrics> migrations,
        List<String> notes) {

    public RunResult {
        migrations = List.copyOf(migrations);
        notes = List.copyOf(notes);
    }
}
