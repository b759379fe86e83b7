package org.warplab.live.qemu;

import org.warplab.model.Units;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One pre-copy live migration between two {@link QemuVm}s, driven over QMP: migration events on,
 * downtime limit, bandwidth and announce parameters set, {@code migrate} to the destination's
 * {@code -incoming} address, then {@code query-migrate} followed pass by pass until it completes. A
 * pre-copy that keeps going past the pass limit (the guest dirties memory faster than the link
 * copies it) is reported as not converging and ended by the policy: raise the downtime limit to what
 * QEMU expects (up to a ceiling), or cancel cleanly, leaving the source running.
 */
public final class QemuMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MS = 1_000_000L;
    private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    /** What to do with a pre-copy that does not converge. */
    public enum Policy { RAISE_LIMIT, CANCEL }

    /**
     * The migration's parameters. Times in nanoseconds (QEMU takes milliseconds: they are rounded
     * up); {@code maxBandwidthBytesPerSecond} 0 keeps QEMU's default. The announce parameters are
     * QEMU's RARP schedule after resume: first after {@code announceInitialNs}, then each step longer
     * by {@code announceStepNs}, at most {@code announceMaxNs} apart, {@code announceRounds} in all.
     */
    public record Settings(long downtimeLimitNs, long maxBandwidthBytesPerSecond, long announceInitialNs, long announceMaxNs,
                           int announceRounds, long announceStepNs, int passLimit, Policy policy, long downtimeCeilingNs, Duration timeout) {
        public Settings {
            if (downtimeLimitNs <= 0 || passLimit < 2 || announceRounds < 1 || announceInitialNs < 0 || announceStepNs < 0 || announceMaxNs < 0) {
                throw new IllegalArgumentException("migration settings out of range: downtime limit > 0, pass limit >= 2, announce rounds >= 1");
            }
        }

        /** QEMU's own defaults (300 ms downtime limit; announce initial 50 ms, step 100 ms, max 550 ms, 5 rounds), 12 passes, then raise up to 5 s. */
        public static Settings defaults() {
            return new Settings(300 * MS, 0, 50 * MS, 550 * MS, 5, 100 * MS, 12, Policy.RAISE_LIMIT, 5000 * MS, Duration.ofMinutes(3));
        }

        public Settings withDowntimeLimitNs(long ns) {
            return new Settings(ns, maxBandwidthBytesPerSecond, announceInitialNs, announceMaxNs, announceRounds, announceStepNs, passLimit, policy,
                    downtimeCeilingNs, timeout);
        }

        public Settings withMaxBandwidth(long bytesPerSecond) {
            return new Settings(downtimeLimitNs, bytesPerSecond, announceInitialNs, announceMaxNs, announceRounds, announceStepNs, passLimit, policy,
                    downtimeCeilingNs, timeout);
        }

        public Settings withPolicy(Policy newPolicy, int newPassLimit) {
            return new Settings(downtimeLimitNs, maxBandwidthBytesPerSecond, announceInitialNs, announceMaxNs, announceRounds, announceStepNs, newPassLimit,
                    newPolicy, downtimeCeilingNs, timeout);
        }
    }

    /** How the migration ended. */
    public enum Outcome { COMPLETED, CANCELLED, FAILED }

    /**
     * One {@code query-migrate} answer while the migration ran, as QEMU gave it: its pass
     * ({@code dirty-sync-count}), the rate it measured over its last ~100 ms window ({@code mbps}),
     * the downtime it expected if it stopped now, the guest's dirty rate, and the RAM still to send.
     * QEMU decides to stop when the remaining RAM fits {@code mbps} × the downtime limit.
     *
     * @param hostNs when the answer arrived ({@link System#nanoTime()})
     * @param downtimeBytes RAM sent while the VM was stopped; QEMU reports it once it has stopped (0 before)
     */
    public record Sample(long hostNs, String status, long pass, double mbps, long expectedDowntimeNs, long dirtyPagesRate, long remainingBytes,
                         long transferredBytes, long downtimeBytes) {

        static Sample of(JsonNode info, long hostNs) {
            JsonNode ram = info.path("ram");
            return new Sample(hostNs, info.path("status").asText(""), ram.path("dirty-sync-count").asLong(0), ram.path("mbps").asDouble(0),
                    info.path("expected-downtime").asLong(0) * MS, ram.path("dirty-pages-rate").asLong(0), ram.path("remaining").asLong(0),
                    ram.path("transferred").asLong(0), ram.path("downtime-bytes").asLong(0));
        }
    }

    /**
     * QEMU's own figures and the host-clock timeline. Figures QEMU reports in milliseconds are
     * converted to nanoseconds. After a cancel QEMU drops its RAM figures and total time: the last
     * ones seen while it ran are kept, and the total is the host's time from migrate to the end. {@code converged} is false when the pass limit was reached; then
     * {@code policyActions} says what was done. Host times ({@code ...AtNs}) are
     * {@link System#nanoTime()}; 0 when the event did not happen.
     */
    public record Result(Outcome outcome, Accelerator accelerator, long totalTimeNs, long setupTimeNs, long downtimeNs, long transferredBytes,
                         long totalBytes, long passes, long lastExpectedDowntimeNs, boolean converged, long finalDowntimeLimitNs,
                         List<String> policyActions, long migrateIssuedAtNs, long sourceStoppedAtNs, long destinationResumedAtNs,
                         long destinationResumedWallMicros, List<QmpEvent> events, String error, List<Sample> samples) {
        public Result {
            policyActions = List.copyOf(policyActions);
            events = List.copyOf(events);
            samples = List.copyOf(samples);
        }

        /** The last sample QEMU gave in each pass while the VM still ran: what it knew when it chose to go on or to stop. */
        public List<Sample> lastSampleOfEachPass() {
            java.util.Map<Long, Sample> byPass = new java.util.TreeMap<>();
            for (Sample sample : samples) {
                if (sample.status().equals("active") && (sourceStoppedAtNs == 0 || sample.hostNs() < sourceStoppedAtNs)) {
                    byPass.put(sample.pass(), sample);
                }
            }
            return List.copyOf(byPass.values());
        }

        /** Lines for a person: QEMU's numbers, the passes, and what the policy did. */
        public List<String> describe() {
            List<String> out = new ArrayList<>();
            out.add("migration " + outcome.name().toLowerCase() + " under " + accelerator + (error.isEmpty() ? "" : ": " + error));
            if (outcome == Outcome.COMPLETED && totalTimeNs == 0 && transferredBytes > 0) {
                // seen with QEMU 7.2 under TCG: the stream moved, yet every timer reads 0
                out.add(String.format("  QEMU: %d pass(es), %.1f of %.1f MiB transferred; it reported no times (total, setup and downtime all 0),"
                        + " so the times come from its STOP and RESUME events", passes, transferredBytes / 1048576.0, totalBytes / 1048576.0));
            } else {
                out.add(String.format("  QEMU: total %.0f ms, setup %.0f ms, downtime %.0f ms, %d pass(es), %.1f of %.1f MiB transferred",
                        totalTimeNs / 1e6, setupTimeNs / 1e6, downtimeNs / 1e6, passes, transferredBytes / 1048576.0, totalBytes / 1048576.0));
            }
            for (Sample pass : lastSampleOfEachPass()) {
                // QEMU 7.2 measures the dirty rate at most once a second and echoes the limit as its expected downtime until then
                out.add(String.format(java.util.Locale.ROOT, "  pass %d: %.0f Mbit/s measured over its last window, %s left, %s",
                        pass.pass(), pass.mbps(), Units.bytes(pass.remainingBytes()), pass.dirtyPagesRate() > 0
                                ? pass.dirtyPagesRate() + " dirty pages/s, " + pass.expectedDowntimeNs() / MS + " ms expected downtime"
                                : "no dirty rate or downtime estimate yet"));
            }
            if (!samples.isEmpty() && samples.get(samples.size() - 1).downtimeBytes() > 0) {
                out.add("  sent while stopped: " + Units.bytes(samples.get(samples.size() - 1).downtimeBytes()));
            }
            if (!converged) {
                out.add("  pre-copy did not converge within the pass limit: QEMU expected " + Units.ms(lastExpectedDowntimeNs, 0) + " of downtime");
            }
            policyActions.forEach(a -> out.add("  " + a));
            return out;
        }
    }

    private QemuMigration() {
    }

    /**
     * Migrates {@code source} to {@code destination} (started with {@code -incoming incomingUri}).
     * On return the migration has ended one way or the other; both QEMUs are left running for the
     * caller to close (after a completed migration the source is paused, the destination runs).
     */
    public static Result run(QemuVm source, QemuVm destination, String incomingUri, Settings settings) throws QmpException {
        QmpClient src = source.qmp();
        QmpClient dst = destination.qmp();
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode events = capabilities.putArray("capabilities").addObject();
        events.put("capability", "events");
        events.put("state", true);
        src.execute("migrate-set-capabilities", capabilities);
        dst.execute("migrate-set-capabilities", capabilities.deepCopy());
        ObjectNode announce = JSON.createObjectNode();
        announce.put("announce-initial", ms(settings.announceInitialNs()));
        announce.put("announce-max", ms(settings.announceMaxNs()));
        announce.put("announce-rounds", settings.announceRounds());
        announce.put("announce-step", ms(settings.announceStepNs()));
        // the destination announces after it resumes, with its own parameters: set them on both ends
        dst.execute("migrate-set-parameters", announce.deepCopy());
        ObjectNode limits = announce.deepCopy();
        long limitNs = settings.downtimeLimitNs();
        limits.put("downtime-limit", ms(limitNs));
        if (settings.maxBandwidthBytesPerSecond() > 0) {
            limits.put("max-bandwidth", settings.maxBandwidthBytesPerSecond());
        }
        src.execute("migrate-set-parameters", limits);

        ObjectNode migrate = JSON.createObjectNode();
        migrate.put("uri", incomingUri);
        long issued = System.nanoTime();
        src.execute("migrate", migrate);

        List<String> actions = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        boolean converged = true;
        long expectedNs = 0;
        long nextActionAtPass = settings.passLimit();
        long deadline = issued + settings.timeout().toNanos();
        JsonNode info;
        JsonNode lastActive = JSON.createObjectNode();
        while (true) {
            info = src.execute("query-migrate");
            samples.add(Sample.of(info, System.nanoTime()));
            String status = info.path("status").asText("");
            if (FINAL.contains(status)) {
                break;
            }
            if (info.has("ram")) {
                lastActive = info;
            }
            if (info.has("expected-downtime")) {
                expectedNs = info.get("expected-downtime").asLong() * MS;
            }
            long passes = info.path("ram").path("dirty-sync-count").asLong(0);
            if (status.equals("active") && passes >= nextActionAtPass) {
                converged = false;
                if (settings.policy() == Policy.RAISE_LIMIT && limitNs < settings.downtimeCeilingNs()) {
                    long raised = Math.min(settings.downtimeCeilingNs(), Math.max(2 * limitNs, expectedNs + expectedNs / 4));
                    actions.add(String.format("pass %d: QEMU expects %.0f ms of downtime, over the %.0f ms limit: limit raised to %.0f ms",
                            passes, expectedNs / 1e6, limitNs / 1e6, raised / 1e6));
                    limitNs = raised;
                    ObjectNode raise = JSON.createObjectNode();
                    raise.put("downtime-limit", ms(limitNs));
                    src.execute("migrate-set-parameters", raise);
                    nextActionAtPass = passes + settings.passLimit();
                } else {
                    actions.add(String.format("pass %d: QEMU expects %.0f ms of downtime, over the %.0f ms limit%s: migration cancelled, the VM keeps running at the source",
                            passes, expectedNs / 1e6, limitNs / 1e6, settings.policy() == Policy.RAISE_LIMIT ? " (already at the ceiling)" : ""));
                    src.execute("migrate_cancel");
                    nextActionAtPass = Long.MAX_VALUE;
                }
            }
            if (System.nanoTime() > deadline) {
                src.execute("migrate_cancel");
                actions.add("no end within " + settings.timeout().toSeconds() + " s: migration cancelled");
                deadline = Long.MAX_VALUE;
            }
            sleep(50);
        }
        String status = info.path("status").asText();
        Outcome outcome = status.equals("completed") ? Outcome.COMPLETED : status.equals("cancelled") ? Outcome.CANCELLED : Outcome.FAILED;
        QmpEvent resumed = null;
        if (outcome == Outcome.COMPLETED) {
            resumed = dst.awaitEvent(e -> e.name().equals("RESUME"), Duration.ofSeconds(20), "RESUME event after the migration");
        }
        Optional<QmpEvent> stopped = src.events().stream().filter(e -> e.name().equals("STOP") && e.receivedNs() >= issued).findFirst();
        List<QmpEvent> all = new ArrayList<>(src.events());
        all.addAll(dst.events());
        all.sort(Comparator.comparingLong(QmpEvent::receivedNs));
        // a cancelled or failed migration reports no RAM figures any more: keep the last ones seen while it ran
        JsonNode ram = info.has("ram") ? info.path("ram") : lastActive.path("ram");
        long totalTimeNs = info.has("total-time") ? info.get("total-time").asLong() * MS : System.nanoTime() - issued;
        String error = outcome == Outcome.FAILED ? info.path("error-desc").asText("QEMU gave no reason") : "";
        return new Result(outcome, source.spec().accelerator(), totalTimeNs, info.path("setup-time").asLong(lastActive.path("setup-time").asLong()) * MS,
                info.path("downtime").asLong() * MS, ram.path("transferred").asLong(), ram.path("total").asLong(),
                ram.path("dirty-sync-count").asLong(), expectedNs, converged, limitNs, actions, issued,
                stopped.map(QmpEvent::receivedNs).orElse(0L), resumed == null ? 0 : resumed.receivedNs(),
                resumed == null ? 0 : resumed.qemuWallMicros(), all, error, samples);
    }

    private static long ms(long ns) {
        return (ns + MS - 1) / MS;
    }

    private static void sleep(long millis) throws QmpException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QmpException("interrupted during the migration", e);
        }
    }
}
