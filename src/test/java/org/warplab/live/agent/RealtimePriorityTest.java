package org.warplab.live.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.warplab.testing.Tools;

class RealtimePriorityTest {

    /** The policy and priority the kernel shows for the calling thread ("policy" 1 is SCHED_FIFO, "prio" 99 - priority under it). */
    private static String schedulingOfThisThread() {
        try {
            return Files.readAllLines(Path.of("/proc/thread-self/sched")).stream()
                    .filter(l -> l.startsWith("policy") || l.startsWith("prio "))
                    .map(l -> l.replaceAll("\\s+", "").replace(":", "="))
                    .reduce((a, b) -> a + " " + b).orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStartedThreadsRunUnderFifoAndTheCallerGoesBackToTheOrdinaryScheduler() throws Exception {
        Tools.requireRoot();
        String callerBefore = schedulingOfThisThread();
        AtomicReference<String> seen = new AtomicReference<>();
        Thread datapath = new Thread(() -> seen.set(schedulingOfThisThread()), "datapath");

        assertEquals(RealtimePriority.GRANTED, RealtimePriority.start(datapath));
        datapath.join(5_000);

        assertEquals("policy=1 prio=" + (99 - RealtimePriority.PRIORITY), seen.get());
        assertEquals(callerBefore, schedulingOfThisThread(), "the caller keeps its own policy");
        assertEquals("policy=0", callerBefore.split(" ")[0]);
    }

    @Test
    void aRefusalIsSaidAndTheThreadsStillRun() throws Exception {
        // a thread may not raise itself above the real-time limit its process has: RLIMIT_RTPRIO 0 without
        // CAP_SYS_NICE; as root the refusal comes from a child without the capability
        Tools.require(Tools.find("setpriv") != null, "setpriv (util-linux) is needed to drop CAP_SYS_NICE");
        Tools.requireRoot();
        String classPath = System.getProperty("java.class.path");
        Tools.Result result = Tools.run(java.util.List.of(Tools.find("setpriv").toString(), "--inh-caps=-sys_nice", "--bounding-set=-sys_nice",
                ProcessHandle.current().info().command().orElseThrow(), "-cp", classPath, RefusedChild.class.getName()));
        assertEquals(0, result.exit(), result.output());
        String[] lines = result.output().strip().split("\n");
        assertNotEquals(RealtimePriority.GRANTED, lines[0]);
        assertEquals("the kernel refused real-time scheduling (no CAP_SYS_NICE, or a control group without a real-time budget)", lines[0]);
        assertEquals("ran policy=0", lines[1]);
    }

    /** Starts one thread under {@link RealtimePriority} without the capability and prints what it got and that it ran. */
    static final class RefusedChild {
        public static void main(String[] args) throws InterruptedException {
            AtomicReference<String> seen = new AtomicReference<>();
            Thread thread = new Thread(() -> seen.set(schedulingOfThisThread()));
            System.out.println(RealtimePriority.start(thread));
            thread.join(5_000);
            System.out.println("ran " + seen.get().split(" ")[0]);
        }
    }
}
