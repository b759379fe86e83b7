package org.warplab.live.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of an agent's command line; a name may repeat. */
final class AgentArgs {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    AgentArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("agent arguments are --name value pairs; got '" + name + "'");
            }
            values.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(args.get(++i));
        }
    }

    String one(String name) {
        List<String> found = values.get(name);
        if (found == null) {
            throw new IllegalArgumentException("the agent needs --" + name);
        }
        return found.get(found.size() - 1);
    }

    String one(String name, String fallback) {
        return values.containsKey(name) ? one(name) : fallback;
    }

    long number(String name, long fallback) {
        return values.containsKey(name) ? Long.parseLong(one(name)) : fallback;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Every value of {@code --name}, each a JSON record of {@code type} ({@link AgentArguments}). */
    <T extends Record> List<T> all(String name, Class<T> type) {
        return all(name).stream().map(v -> AgentArguments.decode(name, v, type)).toList();
    }
}
