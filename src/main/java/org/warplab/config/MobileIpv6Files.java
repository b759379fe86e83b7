package org.warplab.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the generator puts the Mobile IPv6 steps that happen at run time rather than at set-up:
 * the agents of live mode apply exactly these files when the protocol reaches them.
 */
public final class MobileIpv6Files {

    /** On a mobile node away from home: its care-of address and the route to the home agent. */
    public static final String CARE_OF = "mip6/care-of.batch";
    /** On a mobile node away from home: its home address and the reverse tunnel, once acknowledged. */
    public static final String MOBILE_NODE_BINDING = "mip6/binding.batch";

    /** On a mobile node back home: what is left of its binding, removed once the home agent acknowledged. */
    public static final String DEREGISTRATION = "mip6/deregistration.batch";

    private MobileIpv6Files() {
    }

    /** On the home agent: the proxy neighbour entry and the tunnel route of {@code vm}'s binding. */
    public static String homeAgentBinding(String vm) {
        return "mip6/binding-" + vm + ".batch";
    }

    /** On the home agent: the end of {@code vm}'s binding when it comes home. */
    public static String homeAgentDeregistration(String vm) {
        return "mip6/deregistration-" + vm + ".batch";
    }

    /**
     * The Mobile IPv6 batch files in a device directory written from these generators, in the
     * order its README applies them: care-of address, the mobile node's binding, the home agent's bindings.
     * The deregistration files are not among them: they undo the previous state's binding, a
     * step of a run, not part of building this state.
     */
    public static List<Path> batches(Path deviceDir) {
        List<String> present = new ArrayList<>();
        for (String name : List.of(CARE_OF, MOBILE_NODE_BINDING)) {
            if (Files.exists(deviceDir.resolve(name))) {
                present.add(name);
            }
        }
        Path dir = deviceDir.resolve("mip6");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(f -> present.add("mip6/" + f.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return batches(present).stream().map(deviceDir::resolve).toList();
    }

    /** The same choice and order among a device's files given by their paths relative to its directory. */
    public static List<String> batches(Collection<String> relativePaths) {
        List<String> out = new ArrayList<>();
        for (String name : List.of(CARE_OF, MOBILE_NODE_BINDING)) {
            if (relativePaths.contains(name)) {
                out.add(name);
            }
        }
        relativePaths.stream().filter(f -> f.matches("mip6/binding-.+\\.batch")).sorted().forEach(out::add);
        return out;
    }
}
