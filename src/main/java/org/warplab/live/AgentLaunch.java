package org.warplab.live;

import java.util.List;

/**
 * One agent to start, decided before anything runs: its name in the run's events, the node whose
 * namespace it runs in, its kind ({@code AgentMain}) and arguments, and the commands its namespace
 * needs first. {@link LiveAgents} starts it; tests read it without root.
 */
record AgentLaunch(String name, String node, String kind, List<String> args, List<Command> before) {

    static final String SWITCHER = "switcher";
    static final String MOBILE_NODE = "mobile-node";

    AgentLaunch {
        args = List.copyOf(args);
        before = List.copyOf(before);
    }

    AgentLaunch(String name, String node, String kind, List<String> args) {
        this(name, node, kind, args, List.of());
    }
}
