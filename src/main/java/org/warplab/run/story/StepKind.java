package org.warplab.run.story;

import java.util.Locale;

/**
 * What a story step shows. The key is stable (lessons and tests refer to steps by it), the
 * label is what a reader sees beside the time.
 */
public enum StepKind {
    PRE_COPY("pre-copy starts"),
    PAUSED("VM paused"),
    COLD_SAVE("save"),
    COLD_IMAGE_COPY("image copy"),
    COLD_MEMORY_COPY("memory copy"),
    COLD_RESTORE("restore"),
    RESUMED("VM resumes"),
    ANNOUNCED("announcement sent"),
    ANNOUNCEMENT_SEEN("capture sees it"),
    CONFIG_SENT("configuration message"),
    RULE_SWITCHED("rule switched"),
    MOVEMENT_DETECTED("movement detected"),
    CARE_OF_ADDRESS("care-of address + DAD"),
    BINDING_UPDATE("Binding Update"),
    HOME_AGENT_DAD("home agent DAD"),
    BINDING_ACK("Binding Acknowledgement"),
    TUNNEL("tunnel in place"),
    ROUTE_OPTIMIZATION("route optimization"),
    SEGMENT_TAG("segment tag"),
    SEGMENT_LEARNED("segment learns the VM"),
    ROUTE_CHANGED("route changed"),
    GATEWAY_RESOLVED("gateway MAC resolved again"),
    FIRST_PROBE_NEW_PATH("first probe on the new path"),
    PACKETS_LOST("where the packets die"),
    SERVICE_RESTORED("service restored"),
    OTHER_TENANT("other tenant untouched"),
    OTHER_FLOWS("other flows meanwhile"),
    UNFINISHED("migration did not finish");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind as it appears in step ids and in {@code warplab story} output: {@code rule-switched}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind whose {@link #key} is {@code key}. */
    public static java.util.Optional<StepKind> byKey(String key) {
        return java.util.Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
