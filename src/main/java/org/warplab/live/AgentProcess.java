package org.warplab.live;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.warplab.live.agent.AgentEvent;
import org.warplab.live.agent.AgentMain;

/**
 * An agent running inside a namespace as a process of this same program
 * ({@code ip netns exec NS java -cp ... org.warplab.live.agent.AgentMain KIND ...}): its events as they
 * arrive, and a line-based command channel. Closing its input stops it, so an agent never
 * outlives the run that started it.
 */
public final class AgentProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xss512k", "-Djava.net.preferIPv4Stack=false");

    /** The JVM option that names an agent's namespace on its command line. */
    public static final String LAB_PROPERTY = "-Dwarplab.agent.namespace";

    private final String name;
    private final Process process;
    private final Writer input;
    private final Arrivals<AgentEvent> events;
    private final ErrorText errors;

    private AgentProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        // a line that is not a well-formed event is kept as one that says so: the run reports it
        this.events = Arrivals.readLines(process.getInputStream(), "agent-" + name, line -> AgentEvent.parse(name, line, System.nanoTime()));
        this.errors = ErrorText.read(process.getErrorStream(), 4000, "agent-err-" + name);
    }

    /** Starts agent {@code kind} in {@code namespace}; {@code name} labels its events. */
    public static AgentProcess start(HostTools tools, LiveState state, String name, String namespace, String kind, List<String> args)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of(tools.path("ip"), "netns", "exec", namespace, javaBinary()));
        argv.addAll(JVM_OPTIONS);
        // marks the process as this lab's agent, so `live cleanup` finds it even before it has entered its namespace
        argv.add(LAB_PROPERTY + "=" + namespace);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), kind));
        argv.addAll(args);
        Process process = new ProcessBuilder(argv).start();
        state.addProcess(process.toHandle(), "agent " + kind + " in " + namespace);
        return new AgentProcess(name, process);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    public String name() {
        return name;
    }

    /** Sends one command line. */
    public void send(String command) throws IOException {
        input.write(command + "\n");
        input.flush();
    }

    /** Waits for the first event matching {@code wanted}; fails with the agent's own words if it dies or times out. */
    public AgentEvent await(Predicate<AgentEvent> wanted, Duration timeout, String what) throws AgentException {
        return events.await(wanted, timeout, new Arrivals.Watch<AgentEvent, AgentException>() {
            @Override
            public void check(AgentEvent event) throws AgentException {
                if (event.is(AgentEvent.Kind.FAILED)) {
                    throw new AgentException("agent " + name + " failed: " + event.text("reason"));
                }
                if (event.is(AgentEvent.Kind.ERROR) && !event.text("command").isEmpty()) {
                    throw new AgentException("agent " + name + " could not do '" + event.text("command") + "': " + event.text("reason"));
                }
            }

            @Override
            public boolean gone() {
                return !process.isAlive();
            }

            @Override
            public AgentException givingUp(boolean timedOut) {
                return new AgentException("agent " + name + " gave no " + what + (process.isAlive() ? " within " + timeout.toMillis() + " ms" : "; it exited")
                        + (stderr().isBlank() ? "" : ": " + stderr().strip()) + lastWords());
            }

            @Override
            public AgentException interrupted() {
                return new AgentException("interrupted while waiting for " + name);
            }
        });
    }

    public AgentEvent awaitEvent(AgentEvent.Kind kind, Duration timeout) throws AgentException {
        return await(e -> e.is(kind), timeout, "'" + kind.wireName() + "' event");
    }

    /** Every event so far, in arrival order. */
    public List<AgentEvent> events() {
        return events.all();
    }

    /** The errors the agent reported and its last event, to say where it got stuck. */
    private String lastWords() {
        List<AgentEvent> events = this.events.all();
        List<String> reasons = events.stream().filter(e -> e.is(AgentEvent.Kind.ERROR)).map(e -> e.text("reason")).distinct().limit(3).toList();
        String last = events.isEmpty() ? "" : events.get(events.size() - 1).event();
        return (reasons.isEmpty() ? "" : "; it reported: " + String.join("; ", reasons)) + (last.isEmpty() ? "" : "; its last event was '" + last + "'");
    }

    public String stderr() {
        return errors.toString();
    }

    /** Asks the agent to stop, then makes sure it has. */
    @Override
    public void close() {
        try {
            send("stop");
            input.close();
        } catch (IOException e) {
            // already gone
        }
        ProcessEnd.within(process, Duration.ofSeconds(3));
    }

    /** An agent that failed, died, or did not answer in time. */
    public static final class AgentException extends Exception {
        public AgentException(String message) {
            super(message);
        }
    }
}
