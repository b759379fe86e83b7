package org.warplab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-lab and global live-mode locks, within one JVM and across processes (no root needed). */
class LiveLockTest {

    @TempDir
    Path state;

    @Test
    void aSecondHolderInThisProcessIsRefusedWithTheOwnerNamed() {
        try (LiveLock first = LiveLock.lab(state, "ab12")) {
            LiveLock.HeldException refused = assertThrows(LiveLock.HeldException.class, () -> LiveLock.lab(state, "ab12"));
            assertEquals(ProcessHandle.current().pid(), refused.holder().pid());
            assertTrue(refused.getMessage().startsWith("lab ab12 is being run live by process " + ProcessHandle.current().pid()), refused.getMessage());
            assertTrue(refused.getMessage().contains("wl-ab12-*"), refused.getMessage());
            assertEquals(Optional.of(ProcessHandle.current().pid()), LiveLock.holderOf(state, "ab12").map(LiveLock.Holder::pid));
            assertEquals(List.of("ab12"), LiveLock.labsRunning(state));
            // another lab is another lock
            LiveLock.lab(state, "cd34").close();
        }
        assertEquals(Optional.empty(), LiveLock.holderOf(state, "ab12"));
        assertEquals(List.of(), LiveLock.labsRunning(state));
        LiveLock.lab(state, "ab12").close();
    }

    @Test
    void probingWhoHoldsALockNeverDropsIt() {
        try (LiveLock held = LiveLock.lab(state, "ab12")) {
            for (int i = 0; i < 3; i++) {
                assertTrue(LiveLock.holderOf(state, "ab12").isPresent());
            }
            assertThrows(LiveLock.HeldException.class, () -> LiveLock.lab(state, "ab12"));
        }
    }

    @Test
    void theGlobalLockWaitsThenSaysWhoIsBusy() {
        try (LiveLock global = LiveLock.global(state, 0)) {
            long start = System.nanoTime();
            LiveLock.HeldException busy = assertThrows(LiveLock.HeldException.class, () -> LiveLock.global(state, 200));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "it waited for the lock");
            assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
            assertEquals(List.of(), LiveLock.labsRunning(state), "the global lock is no lab's run");
        }
        LiveLock.global(state, 0).close();
    }

    @Test
    void anotherProcessHoldsTheLabUntilItIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), state.toString(), "ab12")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            LiveLock.HeldException refused = assertThrows(LiveLock.HeldException.class, () -> LiveLock.lab(state, "ab12"));
            assertEquals(holder.pid(), refused.holder().pid(), refused.getMessage());
            assertTrue(refused.getMessage().contains(LockHolder.class.getName()), "the owner's command line is named: " + refused.getMessage());
            assertEquals(List.of("ab12"), LiveLock.labsRunning(state));
            holder.destroyForcibly(); // SIGKILL: the kernel drops the lock with the process
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
            assertEquals(List.of(), LiveLock.labsRunning(state));
            LiveLock.lab(state, "ab12").close();
            assertTrue(Files.exists(state.resolve("ab12.lock")), "the lock file stays for the next owner");
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aRunCaughtBetweenLockingAndWritingItselfInIsStillNamed() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(),
                state.resolve("ab12.lock").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            CompletableFuture<LiveLock.HeldException> refusal = CompletableFuture.supplyAsync(
                    () -> assertThrows(LiveLock.HeldException.class, () -> LiveLock.lab(state, "ab12")));
            Thread.sleep(300); // the refusal is waiting on the empty file now
            holder.getOutputStream().write('\n');
            holder.getOutputStream().flush();
            LiveLock.HeldException refused = refusal.get(10, TimeUnit.SECONDS);
            assertEquals(holder.pid(), refused.holder().pid(), "named once it wrote itself in: " + refused.getMessage());
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Locks a lock file, then writes its pid into it only when told (a line on stdin): a run caught between the two. */
    public static final class SlowWriter {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                System.out.println("locked");
                System.out.flush();
                System.in.read();
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n\nslow writer\n").getBytes(StandardCharsets.UTF_8)), 0);
                Thread.sleep(TimeUnit.MINUTES.toMillis(2));
                lock.release();
            }
        }
    }

    /** Holds a lab's lock until killed: the other process of the test above. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            LiveLock lock = LiveLock.lab(Path.of(args[0]), args[1]);
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            lock.close();
        }
    }
}
