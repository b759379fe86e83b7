package org.warplab.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.warplab.model.Lab;

/**
 * Names of what live mode creates on the host: every namespace is {@code wl-<lab id>-<node id>},
 * where the lab id is a short hash of the lab's name, so two labs never clash and
 * {@code live cleanup} can find everything by its prefix.
 */
public final class NamespaceNames {

    public static final String PREFIX = "wl-";

    private final String labId;

    public NamespaceNames(String labId) {
        this.labId = labId;
    }

    public static NamespaceNames of(Lab lab) {
        return new NamespaceNames(labId(lab));
    }

    /** Four hex digits derived from the lab's name: stable across runs of one lab. */
    public static String labId(Lab lab) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(lab.name().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String labId() {
        return labId;
    }

    /** The namespace of a node (node ids are validated: letters, digits, '-', '_'). */
    public String namespace(String nodeId) {
        return PREFIX + labId + "-" + nodeId;
    }

    public String labPrefix() {
        return PREFIX + labId + "-";
    }

    public static boolean isOurs(String namespace) {
        return namespace.startsWith(PREFIX);
    }
}
