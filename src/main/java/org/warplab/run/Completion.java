package org.warplab.run;

/**
 * How far a migration got, so no figure hides that it did not work out.
 *
 * @param finished whether the VM was running at the destination before the run ended
 * @param preCopyRounds pre-copy rounds run before the VM was stopped (0 for a cold migration, or when not known)
 * @param maxRounds the migration's round limit (0 when not known)
 * @param converged whether the memory left at the stop fitted the downtime limit; null for a cold
 *                  migration or when the runtime does not know
 * @param downtimeLimitNs the migration's downtime limit (0 when not known)
 */
public record Completion(boolean finished, int preCopyRounds, int maxRounds, Boolean converged, long downtimeLimitNs) {

    /** What a saved run from before this record says: finished when it has a migration time; nothing about pre-copy. */
    static Completion inferred(long migrationTimeNs) {
        return new Completion(migrationTimeNs >= 0, 0, 0, null, 0);
    }

    public boolean didNotConverge() {
        return Boolean.FALSE.equals(converged);
    }
}
