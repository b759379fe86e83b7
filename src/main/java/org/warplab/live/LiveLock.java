package org.warplab.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may touch a lab's namespaces, and the host's shared live-mode resources, right now.
 *
 * <p>A live run holds its lab's lock ({@code LAB.lock} in the state directory) exclusively from
 * before its first check until its teardown has finished, so a second run of the same lab is
 * refused before it creates or removes anything, and {@code live cleanup} can tell a run that is
 * alive from one that was killed. The locks are the kernel's record locks: they vanish with their
 * process, SIGKILL included, so a dead run never blocks anyone. The lock file holds the owner's
 * pid, start time and command line for the refusal message; it is never deleted (deleting a lock
 * file lets two processes lock two different files of one name).
 *
 * <p>The global lock ({@code global.lock}) guards what every lab shares: the host's
 * {@code /run/netns} mount that the first {@code ip netns add} creates, the kernel modules the
 * capability probe loads, and the sweep of {@code live cleanup}. A run holds it while it probes
 * and builds; a cleanup while it removes.
 */
public final class LiveLock implements AutoCloseable {

    /** The process that holds a lock, as it wrote itself into the lock file. */
    public record Holder(long pid, String since, String command) {
        public String describe() {
            return "process " + pid + (since.isEmpty() ? "" : " (started " + since + ")") + (command.isEmpty() ? "" : ": " + command);
        }
    }

    /** The lock is held by someone alive. */
    public static final class HeldException extends IllegalStateException {
        private final transient Holder holder;

        HeldException(String message, Holder holder) {
            super(message);
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    static final String GLOBAL = "global";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * The locks this JVM holds, by file. A record lock belongs to the process, and closing any
     * channel of a locked file drops the process's lock on it, so a file locked here is never
     * opened again here (not even to read who holds it) until it is released.
     */
    private static final java.util.Map<Path, LiveLock> HELD_HERE = new java.util.HashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder owner;

    private LiveLock(Path file, FileChannel channel, FileLock lock, Holder owner) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
    }

    /** Takes {@code labId}'s lock, or says who holds it. */
    public static LiveLock lab(Path stateDir, String labId) {
        return acquire(stateDir, labId, holder -> "lab " + labId + " is being run live by " + holder.describe()
                + "; wait for that run to end (or stop it), then try again. Its namespaces are " + NamespaceNames.PREFIX + labId + "-*");
    }

    /** Takes the lock on the host's shared live-mode resources, waiting up to {@code waitMillis} for it. */
    public static LiveLock global(Path stateDir, long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            try {
                return acquire(stateDir, GLOBAL, holder -> "the host's live-mode resources are busy: " + holder.describe()
                        + " is building or cleaning up a lab; try again in a moment");
            } catch (HeldException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /** The live owner of {@code labId}'s lock, if a process alive holds it. Takes nothing: a probe never blocks a run. */
    public static Optional<Holder> holderOf(Path stateDir, String labId) {
        Path file = stateDir.resolve(labId + ".lock");
        synchronized (LiveLock.class) {
            LiveLock here = HELD_HERE.get(file.toAbsolutePath().normalize());
            if (here != null) {
                return Optional.of(here.owner);
            }
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return probe(file);
        }
    }

    private static Optional<Holder> probe(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long deadline = System.nanoTime() + WRITE_WAIT_NANOS;
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    lock.release();
                    return Optional.empty();
                }
                Optional<Holder> holder = read(channel);
                if (holder.isPresent() || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    return Optional.of(holder.orElse(UNWRITTEN));
                }
                pause();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live-mode lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every lab whose lock a live process holds: the runs going on now. */
    public static List<String> labsRunning(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        List<String> running = new ArrayList<>();
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".lock") && !name.equals(GLOBAL + ".lock")) {
                    String labId = name.substring(0, name.length() - ".lock".length());
                    if (holderOf(stateDir, labId).isPresent()) {
                        running.add(labId);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + stateDir, e);
        }
        return running;
    }

    private static synchronized LiveLock acquire(Path stateDir, String name, java.util.function.Function<Holder, String> refusal) {
        Path file = stateDir.resolve(name + ".lock").toAbsolutePath().normalize();
        LiveLock here = HELD_HERE.get(file);
        if (here != null) {
            throw new HeldException(refusal.apply(here.owner), here.owner);
        }
        // who we are is worked out before locking, so the file stays empty for as short a time as possible
        ProcessHandle self = ProcessHandle.current();
        Holder owner = new Holder(self.pid(), self.info().startInstant().map(SINCE::format).orElse(""), commandOf(self.info()));
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + WRITE_WAIT_NANOS;
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                // an empty locked file: its owner is between locking and writing itself in (or between
                // emptying and releasing); a moment later it has written, or the lock is free
                Optional<Holder> holder = read(channel);
                if (holder.isPresent() || System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    channel.close();
                    Holder named = holder.orElse(UNWRITTEN);
                    throw new HeldException(refusal.apply(named), named);
                }
                pause();
            }
            String content = owner.pid() + "\n" + owner.since() + "\n" + owner.command() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            LiveLock taken = new LiveLock(file, channel, lock, owner);
            HELD_HERE.put(file, taken);
            return taken;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot take the live-mode lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** The program and its arguments as a user would recognise them: the JVM's class path and options left out. */
    static String commandOf(ProcessHandle.Info info) {
        List<String> words = new ArrayList<>();
        info.command().map(c -> Path.of(c).getFileName().toString()).ifPresent(words::add);
        String[] args = info.arguments().orElse(new String[0]);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path") || arg.equals("-p") || arg.equals("--module-path")) {
                i++;
            } else if (!(arg.startsWith("-D") || arg.startsWith("-X") || arg.startsWith("--add-") || arg.startsWith("-javaagent"))) {
                words.add(arg);
            }
        }
        return String.join(" ", words);
    }

    /** The owner of a lock file that stayed empty for {@link #WRITE_WAIT_NANOS}. */
    private static final Holder UNWRITTEN = new Holder(-1, "", "a process that is just starting or ending");

    /** How long a locked but empty lock file is given to name its owner: writing follows locking at once. */
    private static final long WRITE_WAIT_NANOS = 2_000_000_000L;

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The owner named in a lock file, or empty while the file is empty (its owner has not written yet). */
    private static Optional<Holder> read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 8192));
        channel.read(buffer, 0);
        String[] lines = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", -1);
        long pid = lines.length > 0 && lines[0].matches("\\d+") ? Long.parseLong(lines[0]) : -1;
        String since = lines.length > 1 ? lines[1] : "";
        String command = lines.length > 2 ? lines[2] : "";
        if (pid < 0) {
            return Optional.empty();
        }
        return Optional.of(new Holder(pid, since, command.length() > 200 ? command.substring(0, 200) + "…" : command));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was locked through it
            }
        }
    }

    /** Releases the lock (idempotent); the file stays, emptied, for the next owner. */
    @Override
    public void close() {
        synchronized (LiveLock.class) {
            if (HELD_HERE.get(file) != this) {
                return;
            }
            try {
                channel.truncate(0);
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases the lock anyway
            } finally {
                closeQuietly(channel);
                HELD_HERE.remove(file);
            }
        }
    }
}
