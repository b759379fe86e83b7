package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * The validator over labs a file or an edit can produce, broken on purpose (negative and non-finite
 * numbers, dangling and malformed ids, two nodes with one id): it never throws, it says the same
 * thing twice, every problem points at a place of the document that exists, and which end of a
 * link is "a" does not change whether a lab can run.
 */
class ValidatorPropertiesTest {

    /** A drawn or edited lab, then up to three breakages, each a kind and an argument. */
    record Broken(Recipe recipe, List<int[]> breakages) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(recipe + ", broken");
            breakages.forEach(b -> text.append(" (").append(BREAKAGES[b[0]]).append(' ').append(b[1]).append(')'));
            return text.toString();
        }
    }

    static final String[] BREAKAGES = {"negative delay", "loss not a number", "dangling link end", "VM in a router", "bad node id",
        "dangling migration", "migration before the run", "zero interval", "two nodes, one id", "no duration", "no scheme settings",
        "huge numbers", "empty addresses"};

    @Provide
    Arbitrary<Broken> broken() {
        Arbitrary<int[]> breakage = Combinators.combine(Arbitraries.integers().between(0, BREAKAGES.length - 1), Arbitraries.integers().between(0, 40))
                .as((kind, arg) -> new int[] {kind, arg});
        return Combinators.combine(ValidatedLabsRunPropertiesTest.recipeArbitrary(), breakage.list().ofMaxSize(3)).as(Broken::new);
    }

    static Lab build(Broken broken) {
        Lab lab = ValidatedLabsRunPropertiesTest.build(broken.recipe());
        for (int[] b : broken.breakages()) {
            lab = breakOnce(lab, b[0], b[1]);
        }
        return lab;
    }

    private static <T> int index(List<T> items, int arg) {
        return items.isEmpty() ? -1 : arg % items.size();
    }

    private static <T> List<T> replaced(List<T> items, int at, T item) {
        List<T> copy = new ArrayList<>(items);
        copy.set(at, item);
        return copy;
    }

    static Lab breakOnce(Lab lab, int kind, int arg) {
        int link = index(lab.links(), arg);
        int node = index(lab.nodes(), arg);
        int migration = index(lab.migrations(), arg);
        int flow = index(lab.traffic(), arg);
        return switch (kind) {
            case 0 -> link < 0 ? lab : lab.withLinks(replaced(lab.links(), link, lab.links().get(link).withDelayNs(-1 - arg)));
            case 1 -> link < 0 ? lab : lab.withLinks(replaced(lab.links(), link, lab.links().get(link).withLossPercent(arg % 2 == 0 ? Double.NaN : 250)));
            case 2 -> {
                if (link < 0) {
                    yield lab;
                }
                Link l = lab.links().get(link);
                yield lab.withLinks(replaced(lab.links(), link, new Link(l.id(), l.a(), "Gone" + arg, l.kind(), l.delayNs(), l.jitterNs(),
                        l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), l.aAddresses(), l.bAddresses())));
            }
            case 3 -> lab.vms().isEmpty() || lab.routers().isEmpty() ? lab
                    : lab.replacingNode(lab.vms().get(arg % lab.vms().size()).inDataCenter(lab.routers().get(arg % lab.routers().size()).id()));
            case 4 -> node < 0 ? lab : lab.withNodes(replaced(lab.nodes(), node, renamed(lab.nodes().get(node), List.of("", "9lives", "a b", "x".repeat(70)).get(arg % 4))));
            case 5 -> {
                if (migration < 0) {
                    yield lab;
                }
                Migration m = lab.migrations().get(migration);
                yield lab.withMigrations(replaced(lab.migrations(), migration, new Migration(m.id(), "NoVm", "NoDc", m.atNs(), m.mode(), m.storage(),
                        m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds())));
            }
            case 6 -> {
                if (migration < 0) {
                    yield lab;
                }
                Migration m = lab.migrations().get(migration);
                yield lab.withMigrations(replaced(lab.migrations(), migration, new Migration(m.id(), m.vm(), m.to(), -1, m.mode(), m.storage(),
                        0, -5, 0)));
            }
            case 7 -> {
                if (flow < 0) {
                    yield lab;
                }
                ProbeFlow f = lab.traffic().get(flow);
                yield lab.withTraffic(replaced(lab.traffic(), flow, new ProbeFlow(f.id(), f.kind(), f.client(), f.vm(), f.packetBytes(), 0, f.startNs(), f.stopNs())));
            }
            case 8 -> {
                if (node < 0) {
                    yield lab;
                }
                List<Node> nodes = new ArrayList<>(lab.nodes());
                nodes.add(lab.nodes().get(node).withName("twin"));
                yield lab.withNodes(nodes);
            }
            case 9 -> lab.withDurationNs(arg % 2 == 0 ? 0 : -1);
            case 10 -> new Lab(lab.name(), lab.description(), lab.nodes(), lab.links(), lab.scheme(), List.of(), lab.migrations(), lab.traffic(),
                    lab.durationNs(), lab.testbed(), lab.lesson());
            case 11 -> link < 0 ? lab : lab.withLinks(replaced(lab.links(), link, lab.links().get(link).withBandwidthBps(Long.MAX_VALUE)
                    .withDelayNs(Long.MAX_VALUE / 2).withCost(Integer.MAX_VALUE).withMtu(Integer.MIN_VALUE))).withDurationNs(Long.MAX_VALUE);
            case 12 -> {
                if (link < 0) {
                    yield lab;
                }
                Link l = lab.links().get(link);
                yield lab.withLinks(replaced(lab.links(), link, new Link(l.id(), l.a(), l.b(), l.kind(), l.delayNs(), l.jitterNs(),
                        l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), List.of(), l.bAddresses())));
            }
            default -> throw new IllegalArgumentException("breakage " + kind);
        };
    }

    private static Node renamed(Node node, String id) {
        if (node instanceof Router r) {
            return new Router(id, r.name(), r.position(), r.role());
        } else if (node instanceof EthernetSwitch s) {
            return new EthernetSwitch(id, s.name(), s.position());
        } else if (node instanceof Client c) {
            return new Client(id, c.name(), c.position(), c.addresses(), c.gateways());
        } else if (node instanceof DataCenter d) {
            return new DataCenter(id, d.name(), d.position(), d.lanPrefixes(), d.gatewayAddresses(), d.gatewayMac(), d.storage(),
                    d.capturesAnnouncements());
        }
        Vm v = (Vm) node;
        return new Vm(id, v.name(), v.position(), v.dataCenter(), v.addresses(), v.mac(), v.memoryMiB(), v.diskGiB(),
                v.dirtyPagesPerSecond(), v.announce(), v.runtime());
    }

    /** Where a problem may point: an element by its index, a scheme's settings by its key, or a part of the lab itself. */
    private static final Pattern PATH = Pattern.compile("(nodes|links|migrations|traffic)\\[(\\d+)\\].*|schemes\\.([a-z0-9-]+)(\\..*)?"
            + "|nodes|links|migrations|traffic|name|durationMs|scheme");

    @Property(tries = 400, seed = "20261205")
    void theValidatorNeverThrowsAndPointsAtPlacesThatExist(@ForAll("broken") Broken broken) {
        Lab lab = build(broken);
        List<Problem> problems;
        try {
            problems = LabValidator.validate(lab);
        } catch (RuntimeException e) {
            fail("the validator threw on " + broken + ": " + e, e);
            return;
        }
        assertEquals(problems, LabValidator.validate(lab), "the same lab, the same problems");
        for (Problem p : problems) {
            assertFalse(p.message().isBlank(), p.toString());
            assertFalse(p.hint().isBlank(), "every problem says how to fix it: " + p);
            Matcher at = PATH.matcher(p.path());
            assertTrue(at.matches(), "a path of the document: " + p);
            if (at.group(1) != null) {
                int size = switch (at.group(1)) {
                    case "nodes" -> lab.nodes().size();
                    case "links" -> lab.links().size();
                    case "migrations" -> lab.migrations().size();
                    default -> lab.traffic().size();
                };
                assertTrue(Integer.parseInt(at.group(2)) < size, "an element that exists: " + p);
            }
            if (at.group(3) != null) {
                assertTrue(Keyed.byKey(SchemeKind.class, at.group(3)).isPresent(), "a scheme's key: " + p);
            }
            assertTrue(p.elementId().isEmpty() || lab.hasId(p.elementId()), "names an element of the lab or none: " + p);
        }
        boolean noDuration = broken.breakages().stream().anyMatch(b -> b[0] == 9);
        boolean noSettings = broken.breakages().stream().anyMatch(b -> b[0] == 10) && SchemeConfig.defaultFor(lab.scheme()).isEmpty();
        if (noDuration || noSettings) {
            assertTrue(LabValidator.hasErrors(problems), "no duration, or no settings for a scheme (not a baseline) in use, is an error");
        }
    }

    @Property(tries = 300, seed = "20261206")
    void whichEndOfALinkIsADoesNotDecideWhetherALabRuns(@ForAll("broken") Broken broken) {
        Lab lab = build(broken);
        Lab swapped = lab.withLinks(lab.links().stream().map(l -> new Link(l.id(), l.b(), l.a(), l.kind(), l.delayNs(), l.jitterNs(),
                l.bandwidthBps(), l.lossPercent(), l.mtu(), l.cost(), l.bAddresses(), l.aAddresses())).toList());
        List<String> errors = errorMessages(lab);
        List<String> swappedErrors = errorMessages(swapped);
        assertEquals(errors.isEmpty(), swappedErrors.isEmpty(), "errors " + errors + "\nwith the ends swapped " + swappedErrors);
    }

    private static List<String> errorMessages(Lab lab) {
        return LabValidator.validate(lab).stream().filter(Problem::isError).map(Problem::toString).toList();
    }
}
