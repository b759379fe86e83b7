package org.warplab.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import org.warplab.config.ConfigGenerator;
import org.warplab.config.ConfigOptions;
import org.warplab.edit.AddElements;
import org.warplab.edit.ElementFactory;
import org.warplab.edit.ElementFactory.Kind;
import org.warplab.edit.RemoveElements;
import org.warplab.edit.SchemeDefaults;
import org.warplab.emulation.Emulator;
import org.warplab.io.LabFiles;
import org.warplab.live.LiveRunner;
import org.warplab.model.DataCenter;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Link;
import org.warplab.model.Migration;
import org.warplab.model.MobileIpv6;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Node;
import org.warplab.model.Position;
import org.warplab.model.Problem;
import org.warplab.model.Router;
import org.warplab.model.RouterRole;
import org.warplab.model.SchemeKind;
import org.warplab.model.Segmentation;
import org.warplab.model.Vm;
import org.warplab.testing.Samples;

/**
 * One place decides whether a lab can run: over thousands of drawn and mutated labs (seeded; a
 * failure shrinks to the shortest recipe), whenever the validator reports no error, the config
 * generator and the emulator neither refuse nor throw, and live mode refuses only for what it does
 * not run yet (a scheme, a kind of move), never for a defect of the lab.
 */
public class ValidatedLabsRunPropertiesTest {

    /** What live mode may still say about a valid lab: the limits of live mode itself. */
    private static final List<String> LIVE_LIMITS = List.of("live mode runs ", "Mobile IPv6 inside the QEMU guest",
            "live Mobile IPv6 runs moves between", "cold migration (", "the lab has no udp-echo probe flow");

    /** A lab as steps: a start (a sample or a drawing) and edits a user could make. Shrinks to fewer, simpler steps. */
    public record Recipe(int start, int scheme, List<int[]> edits) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("start " + start + ", scheme " + scheme + ", edits");
            edits.forEach(e -> text.append(" (").append(EDITS[Math.floorMod(e[0], EDITS.length)]).append(' ').append(e[1]).append(')'));
            return text.toString();
        }
    }

    static final String[] EDITS = {"remove node", "remove link", "change router role", "toggle capture", "remove migration",
        "remove flow", "retarget migration", "weaken scheme", "dirty memory fast", "lose every packet", "add switch", "switch scheme"};

    @Provide
    Arbitrary<Recipe> recipes() {
        return recipeArbitrary();
    }

    /** Labs as recipes, for properties of other packages over the same labs (io, config). */
    public static Arbitrary<Recipe> recipeArbitrary() {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, EDITS.length - 1), Arbitraries.integers().between(0, 40))
                .as((kind, arg) -> new int[] {kind, arg});
        return Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, SchemeKind.values().length),
                edit.list().ofMaxSize(4)).as(Recipe::new);
    }

    /** The same labs for other classes' properties: {@code @ForAll(supplier = Recipes.class)}. */
    public static final class Recipes implements net.jqwik.api.ArbitrarySupplier<Recipe> {
        @Override
        public Arbitrary<Recipe> get() {
            return recipeArbitrary();
        }
    }

    @Property(tries = 2000, seed = "20261202", shrinking = ShrinkingMode.FULL)
    void aLabWithoutErrorsRunsEverywhere(@ForAll("recipes") Recipe recipe) {
        Lab lab = build(recipe);
        List<Problem> problems = LabValidator.validate(lab);
        Statistics.label("validator").collect(LabValidator.hasErrors(problems) ? "errors" : "no error");
        if (LabValidator.hasErrors(problems)) {
            return;
        }
        String json = LabFiles.toJson(lab);
        try {
            ConfigGenerator.generateAll(lab, ConfigOptions.DEFAULTS);
        } catch (RuntimeException e) {
            fail("configs threw on a lab the validator accepts: " + e + "\n" + json, e);
        }
        try {
            Emulator.run(lab, new Emulator.Options(1, false, false));
        } catch (Exception e) {
            fail("the emulator refused a lab the validator accepts: " + e.getMessage() + "\n" + json, e);
        }
        Optional<String> liveRefusal;
        try {
            liveRefusal = LiveRunner.unsupported(lab, lab.scheme());
        } catch (RuntimeException e) {
            fail("live preflight threw on a lab the validator accepts: " + e + "\n" + json, e);
            return;
        }
        liveRefusal.ifPresent(why -> assertTrue(LIVE_LIMITS.stream().anyMatch(why::startsWith),
                "live mode refused a valid lab for something the validator should say: " + why + "\n" + json));
    }

    // ---- building labs -----------------------------------------------------------------------

    public static Lab build(Recipe recipe) {
        List<String> samples = Samples.names();
        Lab lab = recipe.start() < samples.size() ? Samples.lab(samples.get(recipe.start())) : drawn(recipe.start() - samples.size());
        if (recipe.scheme() < SchemeKind.values().length) {
            lab = withScheme(lab, SchemeKind.values()[recipe.scheme()]);
        }
        for (int[] edit : recipe.edits()) {
            lab = edit(lab, edit[0], edit[1]);
        }
        return lab;
    }

    /** A lab drawn the way a new user would: data centers with edges, a core, client sites, one VM, one move, one probe. */
    static Lab drawn(int variant) {
        int dataCenters = 2 + variant % 2;
        int cores = variant / 2 % 3;
        int clientSites = 1 + variant / 6 % 2;
        Lab lab = Lab.empty("drawn " + variant).withDurationNs(3_000_000_000L);
        List<String> serverEdges = new ArrayList<>();
        for (int i = 0; i < dataCenters; i++) {
            lab = addNode(lab, Kind.DATA_CENTER, null);
            lab = addNode(lab, Kind.SERVER_EDGE_ROUTER, null);
            lab = connect(lab, lab.nodes().get(lab.nodes().size() - 2).id(), lab.nodes().get(lab.nodes().size() - 1).id());
            serverEdges.add(lab.nodes().get(lab.nodes().size() - 1).id());
        }
        List<String> coreIds = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            lab = addNode(lab, Kind.CORE_ROUTER, null);
            coreIds.add(lab.nodes().get(lab.nodes().size() - 1).id());
            if (i > 0) {
                lab = connect(lab, coreIds.get(i - 1), coreIds.get(i));
            }
        }
        for (String edge : serverEdges) {
            lab = coreIds.isEmpty() ? lab : connect(lab, edge, coreIds.get(0));
        }
        for (int i = 0; i < clientSites; i++) {
            lab = addNode(lab, Kind.CLIENT_EDGE_ROUTER, null);
            String clientEdge = lab.nodes().get(lab.nodes().size() - 1).id();
            lab = coreIds.isEmpty() ? connect(lab, clientEdge, serverEdges.get(i % serverEdges.size()))
                    : connect(lab, clientEdge, coreIds.get(coreIds.size() - 1));
            lab = addNode(lab, Kind.CLIENT, null);
            lab = connect(lab, clientEdge, lab.nodes().get(lab.nodes().size() - 1).id());
        }
        List<DataCenter> dcs = lab.dataCenters();
        for (int i = 1; i < dcs.size(); i++) {
            lab = connect(lab, dcs.get(0).id(), dcs.get(i).id());
        }
        lab = addNode(lab, Kind.VM, dcs.get(0).id());
        Lab planned = lab;
        lab = SchemeDefaults.newMigration(planned).map(m -> planned.withMigrations(List.of(m))).orElse(planned);
        Lab probed = lab;
        return SchemeDefaults.newProbe(probed).map(p -> probed.withTraffic(List.of(p))).orElse(probed);
    }

    private static Lab addNode(Lab lab, Kind kind, String dataCenter) {
        Node node = ElementFactory.create(lab, kind, new Position(lab.nodes().size() * 40, 0), dataCenter);
        return new AddElements("add", List.of(node), List.of()).apply(lab);
    }

    private static Lab connect(Lab lab, String a, String b) {
        Optional<Link> link = ElementFactory.connect(lab, a, b, new StringBuilder());
        return link.map(l -> new AddElements("link", List.of(), List.of(l)).apply(lab)).orElse(lab);
    }

    private static Lab withScheme(Lab lab, SchemeKind kind) {
        return lab.withSchemeConfig(SchemeDefaults.forScheme(lab, kind)).withScheme(kind);
    }

    private static <T> T pick(List<T> items, int arg) {
        return items.get(Math.floorMod(arg, items.size()));
    }

    static Lab edit(Lab lab, int kind, int arg) {
        switch (kind) {
            case 0 -> {
                return lab.nodes().isEmpty() ? lab : new RemoveElements(lab, List.of(pick(lab.nodes(), arg).id())).apply(lab);
            }
            case 1 -> {
                return lab.links().isEmpty() ? lab : new RemoveElements(lab, List.of(pick(lab.links(), arg).id())).apply(lab);
            }
            case 2 -> {
                if (lab.routers().isEmpty()) {
                    return lab;
                }
                Router r = pick(lab.routers(), arg);
                return lab.replacingNode(new Router(r.id(), r.name(), r.position(), RouterRole.values()[Math.floorMod(r.role().ordinal() + 1 + arg,
                        RouterRole.values().length)]));
            }
            case 3 -> {
                if (lab.dataCenters().isEmpty()) {
                    return lab;
                }
                DataCenter dc = pick(lab.dataCenters(), arg);
                return lab.replacingNode(new DataCenter(dc.id(), dc.name(), dc.position(), dc.lanPrefixes(), dc.gatewayAddresses(), dc.gatewayMac(),
                        dc.storage(), !dc.capturesAnnouncements()));
            }
            case 4 -> {
                return lab.migrations().isEmpty() ? lab : lab.withMigrations(without(lab.migrations(), arg));
            }
            case 5 -> {
                return lab.traffic().isEmpty() ? lab : lab.withTraffic(without(lab.traffic(), arg));
            }
            case 6 -> {
                if (lab.migrations().isEmpty() || lab.dataCenters().isEmpty()) {
                    return lab;
                }
                List<Migration> migrations = new ArrayList<>(lab.migrations());
                int i = Math.floorMod(arg, migrations.size());
                Migration m = migrations.get(i);
                migrations.set(i, new Migration(m.id(), m.vm(), pick(lab.dataCenters(), arg / 2).id(), m.atNs(), m.mode(), m.storage(),
                        m.downtimeLimitNs(), m.bandwidthCapBps(), m.maxRounds()));
                return lab.withMigrations(migrations);
            }
            case 7 -> {
                return weakenScheme(lab, arg);
            }
            case 8 -> {
                if (lab.vms().isEmpty()) {
                    return lab;
                }
                Vm vm = pick(lab.vms(), arg);
                return lab.replacingNode(new Vm(vm.id(), vm.name(), vm.position(), vm.dataCenter(), vm.addresses(), vm.mac(), vm.memoryMiB(),
                        vm.diskGiB(), 2_000_000, vm.announce(), vm.runtime()));
            }
            case 9 -> {
                return lab.links().isEmpty() ? lab : lab.replacingLink(pick(lab.links(), arg).withLossPercent(100));
            }
            case 10 -> {
                Lab withSwitch = addNode(lab, Kind.SWITCH, null);
                return lab.nodes().isEmpty() ? withSwitch
                        : connect(withSwitch, withSwitch.nodes().get(withSwitch.nodes().size() - 1).id(), pick(lab.nodes(), arg).id());
            }
            default -> {
                return withScheme(lab, SchemeKind.values()[Math.floorMod(arg, SchemeKind.values().length)]);
            }
        }
    }

    private static <T> List<T> without(List<T> items, int arg) {
        List<T> out = new ArrayList<>(items);
        out.remove(Math.floorMod(arg, out.size()));
        return out;
    }

    /** Drops one router from the scheme's settings (a client edge, an endpoint, the home agent). */
    private static Lab weakenScheme(Lab lab, int arg) {
        Optional<NetworkPaging> paging = lab.scheme() == SchemeKind.NETWORK_PAGING ? lab.schemeConfig(NetworkPaging.class) : Optional.empty();
        if (paging.isPresent() && !paging.get().clientEdges().isEmpty()) {
            NetworkPaging p = paging.get();
            return lab.withSchemeConfig(new NetworkPaging(p.serverEdges(), without(p.clientEdges(), arg), p.trigger(), p.captureProcessingNs(),
                    p.switchProcessingNs()));
        }
        Optional<Segmentation> segmentation = lab.scheme() == SchemeKind.SEGMENTATION ? lab.schemeConfig(Segmentation.class) : Optional.empty();
        if (segmentation.isPresent() && !segmentation.get().endpoints().isEmpty()) {
            Segmentation s = segmentation.get();
            return lab.withSchemeConfig(new Segmentation(s.idKind(), s.segments(), without(s.endpoints(), arg), s.gateway()));
        }
        Optional<MobileIpv6> mip = lab.scheme() == SchemeKind.MOBILE_IPV6 ? lab.schemeConfig(MobileIpv6.class) : Optional.empty();
        if (mip.isPresent() && !lab.routers().isEmpty()) {
            MobileIpv6 m = mip.get();
            return lab.withSchemeConfig(new MobileIpv6(m.homeNetwork(), pick(lab.routers(), arg).id(), m.raMinIntervalNs(), m.raMaxIntervalNs(),
                    m.dad(), m.routeOptimization(), m.correspondents(), m.bindingLifetimeNs()));
        }
        return lab;
    }
}
