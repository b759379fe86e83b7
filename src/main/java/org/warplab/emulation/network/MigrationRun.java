package org.warplab.emulation.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.warplab.model.Migration;
import org.warplab.model.MigrationMode;
import org.warplab.model.StorageMode;
import org.warplab.run.PacketKind;
import org.warplab.run.Phase;
import org.warplab.run.TraceEvent;

/**
 * One migration played out in the emulator: its bytes really cross the management link in bursts
 * (waiting behind, and delaying, whatever else uses it), the pre-copy or cold model decides the
 * next step from what was measured, and the timestamps of every phase are kept for the result.
 */
public final class MigrationRun implements EventHandler, LanSwitch.BulkSink {
    /** One burst of the stream: 64 KiB of payload, as TCP segments of 1448 bytes in 1538-byte frames on the wire. */
    static final long BURST_PAYLOAD = 64 * 1024;
    private static final double WIRE_PER_PAYLOAD = 1538.0 / 1448.0;
    /** Bursts kept queued ahead at the transmitter: the stream's socket buffer. */
    private static final int BURSTS_AHEAD = 2;

    private static final int CODE_START = 0;
    private static final int CODE_PUMP = 1;
    private static final int CODE_SAVED = 2;
    private static final int CODE_RESUMED = 3;

    public final Migration migration;
    public final VmHost vm;
    final String from;
    public final LanSwitch destination;
    private final Channel channel;
    private final NetworkContext net;
    private final PreCopyMigration preCopy;
    private final ColdMigration cold;
    private final MigrationCosts costs;
    private final Runnable onResumed;

    public final List<Phase> phases = new ArrayList<>();
    public long startNs = -1;
    public long pausedNs = -1;
    public long resumedNs = -1;
    public long announcementSeenNs = -1;
    public long configSentNs = -1;
    public final Map<String, Long> configArrivedNs = new LinkedHashMap<>();
    public final Map<String, Long> switchedNs = new LinkedHashMap<>();
    public long convergedNs = -1;
    /** The first probe (or ping) reaching the VM at its address after it resumed: where its downtime ends. */
    public long firstProbeNs = -1;
    /** Pre-copy rounds run before the stop, and whether the rest then fitted the downtime limit (null: cold, or not stopped yet). */
    public int preCopyRounds;
    public Boolean preCopyConverged;
    public final MobilityTimeline mobility = new MobilityTimeline();
    /** Segmentation: when each segment bridge learned the VM's MAC at its new place. */
    public final Map<String, Long> segmentLearnedNs = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();

    // The transfer under way.
    private String transferName;
    private long transferBytes;
    private long sentBytes;
    private long arrivedBytes;
    private long transferStartNs;
    private boolean pumpScheduled;
    private int round;
    private Runnable afterTransfer;
    /**
     * Bursts that arrived, for the next ones to travel in: a burst crosses one link untouched and
     * nothing keeps it once it has arrived, and the stream is most of a run's frames (a 4 GiB disk is
     * 65,536 bursts), so reusing them spares the heap most of a run's garbage. A lost burst is simply not reused.
     */
    private final ArrayDeque<Frame> arrivedBursts = new ArrayDeque<>();

    public MigrationRun(NetworkContext net, Migration migration, VmHost vm, LanSwitch destination, Channel channel, MigrationCosts costs,
                 Runnable onResumed) {
        this.net = net;
        this.migration = migration;
        this.vm = vm;
        this.from = vm.dataCenter;
        this.destination = destination;
        this.channel = channel;
        this.costs = costs;
        this.preCopy = PreCopyMigration.of(vm.vm, migration, costs);
        this.cold = ColdMigration.of(vm.vm, migration, costs);
        this.onResumed = onResumed;
    }

    public String fromDataCenter() {
        return from;
    }

    public void start() {
        net.sim.scheduleIn(0, this, CODE_START, null);
    }

    @Override
    public void handle(int code, Object payload) {
        switch (code) {
            case CODE_START -> begin();
            case CODE_PUMP -> {
                pumpScheduled = false;
                pump();
            }
            case CODE_SAVED -> afterSave();
            case CODE_RESUMED -> resumed();
            default -> throw new IllegalStateException("unknown migration event " + code);
        }
    }

    private void begin() {
        startNs = net.now();
        vm.migrating = true;
        if (migration.mode() == MigrationMode.COLD) {
            pause();
            net.sim.scheduleIn(cold.saveNs(), this, CODE_SAVED, null);
            return;
        }
        if (migration.storage() == StorageMode.COPY) {
            transfer("disk copy", vm.vm.diskBytes(), () -> preCopyRound(preCopy.memoryBytes()));
        } else {
            preCopyRound(preCopy.memoryBytes());
        }
    }

    private void preCopyRound(long bytes) {
        round++;
        int thisRound = round;
        transfer("pre-copy round " + thisRound, bytes, () -> {
            long duration = net.now() - transferStartNs;
            traceRound(thisRound, bytes, duration, false);
            long dirtied = preCopy.dirtiedDuring(duration);
            long measuredBytesPerSecond = Math.max(1, (long) (bytes * 1e9 / Math.max(1, duration)));
            if (preCopy.stopNow(thisRound, dirtied, measuredBytesPerSecond)) {
                preCopyRounds = thisRound;
                preCopyConverged = preCopy.fits(dirtied, measuredBytesPerSecond);
                pause();
                long finalBytes = dirtied + costs.deviceStateBytes();
                transfer("stop-and-copy", finalBytes, () -> {
                    traceRound(thisRound + 1, finalBytes, net.now() - transferStartNs, true);
                    startResume();
                });
            } else {
                preCopyRound(dirtied);
            }
        });
    }

    private void afterSave() {
        phases.add(new Phase("save", pausedNs, net.now()));
        Runnable copyMemory = () -> {
            if (cold.memoryFileBytes() > 0) {
                transfer("copy memory", cold.memoryFileBytes(), this::restore);
            } else {
                restore();
            }
        };
        if (cold.imageBytes() > 0) {
            transfer("copy disk image", cold.imageBytes(), copyMemory);
        } else {
            copyMemory.run();
        }
    }

    private void restore() {
        long start = net.now();
        phases.add(new Phase("restore", start, start + cold.restoreNs()));
        net.sim.scheduleIn(cold.restoreNs(), this, CODE_RESUMED, null);
    }

    private void startResume() {
        long start = net.now();
        phases.add(new Phase("resume", start, start + costs.resumeNs()));
        net.sim.scheduleIn(costs.resumeNs(), this, CODE_RESUMED, null);
    }

    private void pause() {
        pausedNs = net.now();
        vm.paused = true;
        net.trace(new TraceEvent.VmPaused(pausedNs, vm.vm.id(), vm.dataCenter));
    }

    private void resumed() {
        vm.attach(destination);
        vm.paused = false;
        vm.migrating = false;
        resumedNs = net.now();
        vm.awaitFirstProbe(this);
        net.trace(new TraceEvent.VmMoved(resumedNs, vm.vm.id(), from, destination.name));
        net.trace(new TraceEvent.VmResumed(resumedNs, vm.vm.id(), destination.name));
        vm.announce();
        onResumed.run();
    }

    private void traceRound(int number, long bytes, long durationNs, boolean stopAndCopy) {
        net.trace(new TraceEvent.MigrationRound(net.now(), migration.id(), number, bytes, durationNs, stopAndCopy));
    }

    /** Sends {@code bytes} over the management link as a stream of bursts, then runs {@code then}. */
    private void transfer(String name, long bytes, Runnable then) {
        transferName = name;
        transferBytes = Math.max(1, bytes);
        sentBytes = 0;
        arrivedBytes = 0;
        transferStartNs = net.now();
        afterTransfer = then;
        pump();
    }

    private void pump() {
        long now = net.now();
        long cap = migration.bandwidthCapBps();
        while (sentBytes < transferBytes) {
            long burst = Math.min(BURST_PAYLOAD, transferBytes - sentBytes);
            long wire = (long) Math.ceil(burst * WIRE_PER_PAYLOAD);
            long aheadNs = BURSTS_AHEAD * channel.serializationNs((long) (BURST_PAYLOAD * WIRE_PER_PAYLOAD));
            long readyAt = channel.busyUntilNs() - aheadNs;
            if (cap > 0) {
                long capTime = transferStartNs + (long) Math.ceil(sentBytes * WIRE_PER_PAYLOAD * 8e9 / cap);
                readyAt = Math.max(readyAt, capTime);
            }
            if (readyAt > now) {
                if (!pumpScheduled) {
                    pumpScheduled = true;
                    net.sim.scheduleAt(readyAt, this, CODE_PUMP, null);
                }
                return;
            }
            Frame frame = arrivedBursts.isEmpty() ? new Frame() : arrivedBursts.pop();
            frame.id = net.nextPacketId();
            frame.kind = PacketKind.MIGRATION;
            frame.bulkBytes = wire;
            frame.sequence = burst;
            frame.control = this;
            channel.send(frame);
            sentBytes += burst;
        }
    }

    @Override
    public void arrived(Frame frame) {
        arrivedBytes += frame.sequence;
        arrivedBursts.push(frame);
        if (arrivedBytes >= transferBytes) {
            phases.add(new Phase(transferName, transferStartNs, net.now()));
            Runnable then = afterTransfer;
            afterTransfer = null;
            then.run();
        }
    }

    void configArrived(String router, long timeNs) {
        configArrivedNs.putIfAbsent(router, timeNs);
    }
}
