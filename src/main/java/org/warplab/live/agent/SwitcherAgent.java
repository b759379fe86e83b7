package org.warplab.live.agent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client-edge translator's switch: receives configuration messages from the watchers and
 * applies the one nftables element change that moves a VM. A generated map switch goes to the
 * kernel as its netlink batch from this agent's own thread ({@link NetlinkMapSwitch}: 0.1 ms
 * where a long-lived {@code nft -e -i} took 0.6-1 ms of parsing, ruleset cache and two processes'
 * wake-ups); any other rule goes through that {@code nft -e -i}, confirmed by the commit nft
 * echoes back. The nft process also checks, before the first message, that the rules' tables
 * exist here.
 *
 * <p>The thread that writes a command to nft reads its answer itself, spinning for the first
 * milliseconds: handing the answer over from a reading thread costs two wake-ups, and on an idle
 * machine each wake-up of a sleeping core is a tenth of a millisecond or more of the switch.
 */
final class SwitcherAgent implements Agent {

    /** Enough round trips through nft for the JIT to compile the reading and writing (~0.1 s at start). */
    static final int WARM_UP_LISTINGS = 300;
    /** How long the switching thread spins for nft's answer before it sleeps between looks (an answer takes 0.1-1 ms). */
    private static final long SPIN_NS = 3_000_000;

    private final AgentOutput out;
    private final int listenPort;
    private final String nft;
    /** "address@location" → the nft command that puts the VM there. */
    private final Map<String, String> rules = new HashMap<>();
    /** The same, as the line written to nft (with its confirmation), built once: a switch does no text work. */
    private final Map<String, String> lines = new HashMap<>();
    /** The same as netlink batches, for the rules that are a generated map switch. */
    private final Map<String, NetlinkMapSwitch> batches = new HashMap<>();
    /** What nft printed on its error stream, read by a thread of its own (nft says nothing there unless a command failed). */
    private final BlockingQueue<String> nftErrors = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private DatagramSocket socket;
    private Process nftProcess;
    private Writer nftInput;
    private BufferedReader nftOutput;

    SwitcherAgent(AgentArgs args, AgentOutput out) {
        this.out = out;
        this.listenPort = Integer.parseInt(args.one("port"));
        this.nft = args.one("nft", "nft");
        for (AgentArguments.SwitchRule rule : args.all("rule", AgentArguments.SwitchRule.class)) {
            rules.put(key(rule.vm(), rule.location()), rule.nftCommand());
            lines.put(key(rule.vm(), rule.location()), withCommitEcho(rule.nftCommand()) + "\n");
            NetlinkMapSwitch.of(rule.nftCommand()).ifPresent(batch -> batches.put(key(rule.vm(), rule.location()), batch));
        }
    }

    @Override
    public void start() throws Exception {
        nftProcess = new ProcessBuilder(List.of(nft, "-e", "-i")).start();
        nftInput = new OutputStreamWriter(nftProcess.getOutputStream(), StandardCharsets.UTF_8);
        nftOutput = new BufferedReader(new InputStreamReader(nftProcess.getInputStream(), StandardCharsets.UTF_8));
        Thread stderr = new Thread(this::readErrors, "nft-err");
        stderr.setDaemon(true);
        stderr.start();
        warmUp();
        socket = UdpReceiver.listening(listenPort);
        running = true;
        String realtime = RealtimePriority.start(UdpReceiver.loop("switch-listen", socket, 512, () -> running, out, "switch",
                (packet, received) -> handle(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII), received,
                        packet.getAddress().getHostAddress())));
        out.emit("ready", "port", listenPort, "rules", rules.size(), "realtime", realtime);
    }

    /**
     * Runs the switch's path before the first message: its own parsing many times, and a confirming
     * listing of every table the rules touch through nft a few hundred times (the write, nft's
     * answer and the reading thread), so a switch runs compiled code, not the interpreter.
     */
    private void warmUp() throws Exception {
        // the switch's own code compiled before the first message (a cold JVM interprets it ~10x slower)
        String sample = WatcherAgent.MESSAGE_PREFIX + " 192.0.2.1 SITE 1";
        for (int i = 0; i < 20_000; i++) {
            String[] words = words(sample);
            lines.get(key(words[2], words[3]));
        }
        java.util.Set<String> tables = new java.util.TreeSet<>();
        for (String rule : rules.values()) {
            java.util.regex.Matcher m = ELEMENT_COMMAND.matcher(rule);
            if (m.find()) {
                tables.add(m.group(1) + " " + m.group(2));
            }
        }
        for (int round = 0; round < WARM_UP_LISTINGS; round++) {
            for (String table : tables) {
                String answer = tell("list table " + table + "\n", TimeUnit.SECONDS.toNanos(5));
                if (answer == null || answer.startsWith("error")) {
                    throw new IllegalStateException("nft cannot list table " + table + " in this namespace: " + (answer == null ? "no answer" : answer));
                }
            }
        }
        for (NetlinkMapSwitch batch : batches.values()) {
            String failure = batch.warmUp(WARM_UP_LISTINGS * 10);
            if (failure != null) {
                throw new IllegalStateException("cannot talk to nf_tables over netlink in this namespace: " + failure);
            }
        }
    }

    private void readErrors() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(nftProcess.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.emit("error", "reason", "nft: " + line);
                nftErrors.add(line);
            }
        } catch (java.io.IOException e) {
            // nft ended; stop() reports nothing more is to come
        }
    }

    /**
     * Writes one command line to nft and reads its answer: the line that confirms it (the echo of an
     * added element, or the closing brace of a confirming listing), "error: ..." with what nft
     * printed, or null when nothing came within {@code timeoutNs}.
     */
    private String tell(String line, long timeoutNs) throws java.io.IOException {
        while (nftOutput.ready()) {
            nftOutput.readLine(); // nothing is left over from an earlier command, but never take it for this one's answer
        }
        nftErrors.clear();
        nftInput.write(line);
        nftInput.flush();
        long start = System.nanoTime();
        while (true) {
            String error = nftErrors.poll();
            if (error != null) {
                return "error: " + error;
            }
            if (nftOutput.ready()) {
                String answer = nftOutput.readLine();
                if (answer == null) {
                    return "error: nft ended";
                }
                if (answer.equals("}") || answer.startsWith("add element ")) {
                    return answer;
                }
                continue;
            }
            long waited = System.nanoTime() - start;
            if (waited > timeoutNs) {
                return null;
            }
            if (waited < SPIN_NS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
    }

    private void handle(String message, long received, String from) throws Exception {
        String[] words = words(message);
        if (message.startsWith(WatcherAgent.HELLO_PREFIX)) {
            out.emitAt(received, "hello", "from", from, "location", words[words.length - 1]);
            return;
        }
        // no string concatenation here: its call site would be linked on the first real switch
        if (words.length != 5 || !message.startsWith(WatcherAgent.MESSAGE_PREFIX + " ")) {
            out.emitAt(received, "ignored", "from", from, "message", message.strip());
            return;
        }
        String vm = words[2];
        String location = words[3];
        String rule = rules.get(key(vm, location));
        if (rule == null) {
            out.emitAt(received, "config-received", "from", from, "vm", vm, "location", location, "seq", words[4]);
            out.emit("error", "reason", "no rule for " + vm + " at " + location);
            return;
        }
        NetlinkMapSwitch batch = batches.get(key(vm, location));
        String failure;
        if (batch != null) {
            failure = batch.apply();
        } else {
            String commit = tell(lines.get(key(vm, location)), TimeUnit.SECONDS.toNanos(2));
            failure = commit == null ? "no answer from nft in 2 s" : commit.startsWith("error") ? commit : null;
        }
        long applied = System.nanoTime();
        out.emitAt(received, "config-received", "from", from, "vm", vm, "location", location, "seq", words[4]);
        if (failure != null) {
            out.emitAt(applied, "error", "reason", (batch != null ? "the kernel did not apply '" : "nft did not apply '") + rule + "': " + failure);
            return;
        }
        out.emitAt(applied, "rule-switched", "vm", vm, "location", location, "rule", rule, "received", received);
    }

    /** One method for the warm-up and a switch: a string concatenation site is linked on its first run (milliseconds). */
    private static String key(String vm, String location) {
        return vm + "@" + location;
    }

    /** The message's words, split on spaces without a regular expression (this runs on the switch's path). */
    static String[] words(String message) {
        List<String> words = new java.util.ArrayList<>(5);
        int start = -1;
        for (int i = 0; i <= message.length(); i++) {
            boolean space = i == message.length() || Character.isWhitespace(message.charAt(i));
            if (space && start >= 0) {
                words.add(message.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words.toArray(new String[0]);
    }

    private static final java.util.regex.Pattern ELEMENT_COMMAND =
            java.util.regex.Pattern.compile("^\\s*(?:add|delete|create|destroy)\\s+element\\s+(\\S+)\\s+(\\S+)\\s");

    /**
     * How nft says a switch is committed. {@code nft -e} echoes each element it adds, from the
     * commit's own notification, so a rule that adds an element (a map update: delete then add) is
     * confirmed by that echo. It prints nothing for a delete, so a rule that only deletes is followed
     * by a listing of its table: nft handles the line in order, and the listing's closing brace comes
     * after the change is committed (0.1-0.5 ms more).
     */
    static String withCommitEcho(String rule) {
        java.util.regex.Matcher m = ELEMENT_COMMAND.matcher(rule);
        if (!m.find()) {
            throw new IllegalArgumentException("a switch rule is one nft element command (add/delete element FAMILY TABLE SET {...}); got: " + rule);
        }
        return echoesAnAdd(rule) ? rule : rule + "; list table " + m.group(1) + " " + m.group(2);
    }

    static boolean echoesAnAdd(String rule) {
        return rule.matches("(?s).*\\badd\\s+element\\b.*");
    }

    @Override
    public void command(String line) {
        throw new IllegalArgumentException("the switcher takes no commands but stop");
    }

    @Override
    public void stop() {
        running = false;
        if (socket != null) {
            socket.close();
        }
        if (nftProcess != null) {
            nftProcess.destroy();
        }
        batches.values().forEach(NetlinkMapSwitch::close);
    }
}
