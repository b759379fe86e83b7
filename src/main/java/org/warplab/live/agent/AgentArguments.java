package org.warplab.live.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The structured values of agents' options, as records written in JSON on the agent's command
 * line (one argument each, no shell between): what used to be formats of their own
 * ({@code address@location=rule}, {@code home,care-of,file}, {@code mac=address}).
 */
public final class AgentArguments {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    private AgentArguments() {
    }

    /** A switcher's rule: the nft element command that puts VM {@code vm} at {@code location}. */
    public record SwitchRule(String vm, String location, String nftCommand) { }

    /** A VM a watcher looks for: its MAC, and the address its configuration message names. */
    public record WatchedVm(String mac, String address) { }

    /** A binding the home agent accepts: the home address, the care-of address, and the generated file that installs it. */
    public record HomeBinding(String homeAddress, String careOf, String file) { }

    /** A deregistration the home agent accepts: the home address, and the generated file that ends its binding. */
    public record Deregistration(String homeAddress, String file) { }

    /** A foreign network a mobile node may move to: its prefix and the generated care-of and binding files. */
    public record ForeignNetwork(String prefix, String careOfFile, String bindingFile) { }

    /** The option value for {@code value}. */
    public static String encode(Record value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** Reads an option's value; what is not one says which option, what it needs and what it got. */
    static <T extends Record> T decode(String option, String value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--" + option + " takes a JSON " + type.getSimpleName() + " "
                    + java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getType().getSimpleName() + " " + c.getName())
                    .collect(java.util.stream.Collectors.joining(", ", "(", ")")) + "; got '" + value + "': "
                    + e.getOriginalMessage());
        }
    }
}
