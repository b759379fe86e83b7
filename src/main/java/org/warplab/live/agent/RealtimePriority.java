package org.warplab.live.agent;

import com.sun.jna.LastErrorException;

/**
 * Real-time scheduling (SCHED_FIFO) for the threads that stand in for a network's own machinery:
 * the delay relay (netem runs in the kernel's softirq, ahead of every process), the capture tool
 * and the translator (each a dedicated PC in the paper's testbed). Here they share two cores with
 * the move itself, the probes and the runner; under the ordinary scheduler a frame that is due can
 * wait a whole time slice behind them (1-12 ms measured at the moment of a move). The threads
 * block on a capture or a socket between frames and spin at most {@link RelayAgent}'s 0.2 ms, and
 * the kernel keeps 5 % of each second for other work, so they cannot starve the host.
 */
public final class RealtimePriority {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;
    /** Mid-range: above every ordinary process, below the kernel's own real-time threads (50 and up). */
    static final int PRIORITY = 20;
    /** The ready event's value when the threads got it. */
    public static final String GRANTED = "granted";

    private RealtimePriority() {
    }

    /**
     * Starts {@code threads} under SCHED_FIFO: a new thread inherits its creator's policy, so the
     * calling thread takes it, starts them and gives it back (the JVM's compiler and collector
     * threads, made earlier, stay ordinary). Returns {@link #GRANTED}, or why the kernel refused,
     * in which case the threads run as ordinary ones.
     */
    static String start(Thread... threads) {
        String refused = set(SCHED_FIFO, PRIORITY);
        try {
            for (Thread thread : threads) {
                thread.start();
            }
        } finally {
            if (refused == null) {
                set(SCHED_OTHER, 0);
            }
        }
        return refused == null ? GRANTED : refused;
    }

    private static String set(int policy, int priority) {
        try {
            Libc.sched_setscheduler(0, policy, new int[] {priority});
            return null;
        } catch (LastErrorException e) {
            return e.getErrorCode() == EPERM
                    ? "the kernel refused real-time scheduling (no CAP_SYS_NICE, or a control group without a real-time budget)"
                    : "sched_setscheduler failed: " + Libc.strerror(e.getErrorCode());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return "the C library could not be called: " + e.getMessage();
        }
    }
}
