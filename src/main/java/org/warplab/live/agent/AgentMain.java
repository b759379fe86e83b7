package org.warplab.live.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs one agent until its input closes or it is told "stop". */
public final class AgentMain {

    public static final List<String> KINDS = List.of("probe", "echo", "watcher", "switcher", "relay", "mobile-node", "home-agent");

    private AgentMain() {
    }

    /** How long an agent may take to release its sockets and captures before the process exits anyway. */
    static final long STOP_GRACE_MS = 1000;

    /**
     * Stops the agent, but never waits forever: libpcap's read in immediate mode ignores its timeout
     * and holds the handle's lock until a packet arrives, so closing a capture on a quiet link would
     * block. The process exit that follows releases whatever is still open.
     */
    static void stopWithin(Agent agent, long graceMs) {
        Thread stopper = new Thread(agent::stop, "agent-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(graceMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The entry point live mode starts inside a namespace (the same as {@code warplab agent ...}). */
    public static void main(String[] args) {
        int exit;
        try {
            exit = run(List.of(args));
        } catch (Throwable e) {
            // one line, never a stack trace: live mode shows the agent's standard error to the user
            System.err.println("warplab agent: " + e);
            exit = 2;
        }
        System.exit(exit);
    }

    /** Returns the process exit code: 0 after a clean stop, 2 for bad arguments or a failed start. */
    public static int run(List<String> argv) {
        AgentOutput out = new AgentOutput(System.out);
        if (argv.isEmpty() || !KINDS.contains(argv.get(0))) {
            System.err.println("warplab agent: the first word is the agent kind, one of " + KINDS);
            return 2;
        }
        Agent agent;
        try {
            AgentArgs args = new AgentArgs(argv.subList(1, argv.size()));
            agent = switch (argv.get(0)) {
                case "probe" -> new ProbeAgent(args, out);
                case "echo" -> new EchoAgent(args, out);
                case "watcher" -> new WatcherAgent(args, out);
                case "switcher" -> new SwitcherAgent(args, out);
                case "mobile-node" -> new MobileNodeAgent(args, out);
                case "home-agent" -> new HomeAgentAgent(args, out);
                default -> new RelayAgent(args, out);
            };
            agent.start();
        } catch (Exception e) {
            out.emit("failed", "reason", String.valueOf(e.getMessage()));
            System.err.println("warplab agent " + argv.get(0) + ": " + e.getMessage());
            return 2;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
                if (!line.isBlank()) {
                    try {
                        agent.command(line.strip());
                    } catch (Exception e) {
                        out.emit("error", "command", line.strip(), "reason", String.valueOf(e.getMessage()));
                    }
                }
            }
        } catch (java.io.IOException e) {
            out.emit("error", "reason", "input closed: " + e.getMessage());
        } finally {
            stopWithin(agent, STOP_GRACE_MS);
            out.emit("stopped");
        }
        return 0;
    }
}
