package org.warplab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.warplab.model.IpAddress;
import org.warplab.model.IpFamily;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Node;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scheme.LabState;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * The generated configs over drawn and edited labs under every scheme (the labs the validator
 * accepts): the same lab gives the same files; a state names each file once, for a node of the lab
 * (or the wiring); no file holds a Java value where a setting belongs ({@code null},
 * {@code Optional[...]}, {@code NaN}); every interface name fits Linux's 15 characters; every
 * address the files give {@code ip} parses; and the tree written to disk holds exactly these files.
 */
class ConfigPropertiesTest {

    /** Linux's IFNAMSIZ less the terminating zero. */
    private static final int MAX_INTERFACE_NAME = 15;
    private static final Pattern JAVA_VALUE = Pattern.compile("(?<![/\\w])null(?!\\w)|Optional\\[|\\bNaN\\b|@[0-9a-f]{6,}\\b");
    private static final Pattern INTERFACE = Pattern.compile("(?:\\blink add (?:name )?|\\bdev |\\bmaster |\\binterface )([^\\s;]+)");
    private static final Pattern ADDRESS = Pattern.compile("\\baddr(?:ess)? add ([^\\s]+)");

    @Provide
    Arbitrary<Recipe> labs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary();
    }

    @Property(tries = 250, seed = "20261203")
    void theFilesOfAValidLabAreWellFormed(@ForAll("labs") Recipe recipe) throws IOException {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        boolean valid = !LabValidator.hasErrors(LabValidator.validate(lab));
        Statistics.label("lab").collect(valid ? lab.scheme().key() : "has errors");
        if (!valid) {
            return;
        }
        List<StateFiles> states = ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS);
        assertEquals(states, ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS), "the same lab gives the same files");
        assertFalse(states.isEmpty());
        Set<String> devices = new HashSet<>(lab.nodes().stream().map(Node::id).toList());
        devices.add(ConfigGenerator.WIRING_DEVICE);
        Set<String> stateNames = new HashSet<>();
        int files = 0;
        for (StateFiles state : states) {
            assertTrue(stateNames.add(state.state()), "state " + state.state() + " twice");
            Set<String> paths = new HashSet<>();
            for (GeneratedFile file : state.files()) {
                String where = state.state() + "/" + file.path();
                assertTrue(paths.add(file.path()), where + " twice");
                assertTrue(devices.contains(file.device()), where + ": not a node of the lab");
                assertFalse(file.relativePath().startsWith("/") || file.relativePath().contains(".."), where + " leaves its directory");
                assertFalse(file.purpose().isBlank(), where + " says what it is for");
                // a shell script, batch or config file that does not end its last line loses it to some readers
                assertTrue(file.content().endsWith("\n"), where + " ends its last line");
                assertFalse(file.content().contains("\r") || file.content().contains("\t\n") || file.content().contains(" \n"),
                        where + " has no carriage return and no trailing blank on a line");
                Matcher java = JAVA_VALUE.matcher(file.content());
                assertFalse(java.find(), () -> where + " holds a Java value '" + java.group() + "':\n" + file.content());
                Matcher name = INTERFACE.matcher(file.content());
                while (name.find()) {
                    String interfaceName = name.group(1);
                    assertTrue(interfaceName.length() <= MAX_INTERFACE_NAME, where + ": interface name '" + interfaceName + "' is longer than Linux allows");
                }
                if (file.relativePath().equals("frr/ospfd.conf")) {
                    ospfAnnouncesWhatTheSchemeAdvertises(lab, state.state(), file);
                }
                Matcher address = ADDRESS.matcher(file.content());
                while (address.find()) {
                    String text = address.group(1);
                    String bare = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
                    IpAddress.parse(bare); // throws on an address ip would refuse
                }
            }
            files += state.files().size();
        }
        Path dir = Files.createTempDirectory("warplab-configs-property");
        try {
            assertEquals(files, ConfigTree.write(states, dir), "files written");
        } finally {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** OSPF (IPv4) permits exactly the router's IPv4 advertisements in this state, then denies the rest. */
    private static void ospfAnnouncesWhatTheSchemeAdvertises(Lab lab, String stateName, GeneratedFile file) {
        LabState state = LabState.all(lab).stream().filter(s -> s.name().equals(stateName)).findFirst().orElseThrow();
        Set<String> advertised = new HashSet<>();
        MobilityScheme.of(lab).advertisements(lab, state.placement()).stream()
                .filter(a -> a.router().equals(file.device()) && a.prefix().family() == IpFamily.IPV4)
                .forEach(a -> advertised.add(a.prefix().toString()));
        List<String> list = file.content().lines().filter(l -> l.startsWith("ip prefix-list ")).toList();
        assertTrue(list.get(list.size() - 1).endsWith(" deny any"), file.path() + ": the list ends by denying the rest");
        Set<String> permitted = new HashSet<>();
        list.stream().filter(l -> l.contains(" permit ")).forEach(l -> permitted.add(l.substring(l.indexOf(" permit ") + 8)));
        assertEquals(advertised, permitted, stateName + "/" + file.path());
    }
}
