package org.warplab.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.scheme.MobilityScheme;

/**
 * The architecture of docs/architecture.md as rules on the compiled classes: which package may use
 * which, no cycles between packages, JavaFX only in the UI, processes started in one place.
 */
class ArchitectureTest {

    /**
     * Top-level package → the WarpLab packages it must not use. The flow is one way: model ←
     * io/scheme ← config/emulation/live/run ← edit ← ui/cli ← app. A new package is added here
     * (the first test fails until it is).
     */
    static final Map<String, Set<String>> MUST_NOT_USE = Map.ofEntries(
            // saving a file safely (atomic, through links, mode and owner kept): the JDK only, for every package
            Map.entry("files", Set.of("model", "wire", "io", "scheme", "config", "emulation", "live", "run", "edit", "lesson", "export", "ui", "cli", "app")),
            Map.entry("model", Set.of("files", "wire", "io", "scheme", "config", "emulation", "live", "run", "edit", "ui", "cli", "app")),
            // the wire formats (Ethernet ... Mobility Header): bytes and the model's addresses, for emulation, live, config and run
            Map.entry("wire", Set.of("io", "scheme", "config", "emulation", "live", "run", "edit", "export", "ui", "cli", "app")),
            Map.entry("io", Set.of("ui", "app", "cli", "live", "emulation", "export")),
            Map.entry("scheme", Set.of("ui", "app", "cli", "live", "emulation", "config")),
            Map.entry("config", Set.of("live", "ui", "app", "cli", "emulation", "export")),
            Map.entry("emulation", Set.of("live", "ui", "app", "cli", "config")),
            Map.entry("live", Set.of("ui", "app", "cli", "export")),
            Map.entry("run", Set.of("ui", "app", "cli", "live", "emulation")),
            Map.entry("edit", Set.of("ui", "app", "cli", "live", "emulation")),
            // lessons and exercises: goals evaluated on a run.RunResult, runtimes reached through run.LabRuntime
            Map.entry("lesson", Set.of("ui", "app", "cli", "live", "emulation", "edit", "export", "config")),
            // containerlab export: needs the generated configs (config) on top of io's level, and no runtime
            Map.entry("export", Set.of("ui", "app", "cli", "live", "emulation", "run", "edit")),
            Map.entry("cli", Set.of("ui")),
            // the designer reaches runtimes only through run.LabRuntime, wired in app
            Map.entry("ui", Set.of("live", "emulation", "cli")),
            Map.entry("app", Set.of()));

    /**
     * Classes that still start processes themselves instead of through live.CommandRunner: agents
     * and QEMU need a long-lived process with pipes, which the runner does not offer yet. The list
     * may only shrink.
     */
    static final Set<String> PROCESS_STARTERS_NOT_YET_BEHIND_THE_RUNNER = Set.of(
            "org.warplab.live.agent.ProtocolLoop", "org.warplab.live.agent.SwitcherAgent",
            "org.warplab.live.qemu.KernelImage", "org.warplab.live.qemu.QemuVm", "org.warplab.live.qemu.KernelModules",
            "org.warplab.live.qemu.GuestBuilder", "org.warplab.live.AgentProcess", "org.warplab.live.LiveRunner");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.warplab");
    }

    @Test
    void everyPackageHasAPlaceInTheLayering() {
        Set<String> unknown = new TreeSet<>();
        for (JavaClass c : main) {
            String top = topLevel(c.getPackageName());
            if (!MUST_NOT_USE.containsKey(top)) {
                unknown.add(c.getPackageName());
            }
        }
        assertEquals(Set.of(), unknown, "packages that are not in the layering table: add them to MUST_NOT_USE and docs/architecture.md");
    }

    @Test
    void eachPackageUsesOnlyWhatItMay() {
        for (Map.Entry<String, Set<String>> entry : MUST_NOT_USE.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            String[] forbidden = entry.getValue().stream().map(p -> "org.warplab." + p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("org.warplab." + entry.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because("the flow goes one way (docs/architecture.md): " + entry.getKey() + " must not use " + entry.getValue())
                    .check(main);
        }
    }

    /**
     * The emulator in three layers: the runtime entry points ({@code emulation}: Emulator, runs,
     * reproductions) use the schemes' behaviours ({@code emulation.schemes}), which use the network
     * ({@code emulation.network}: simulator, hosts, routers, frames). The network calls a scheme only
     * through its own extension point, {@code network.SchemeBehaviour}.
     */
    @Test
    void theEmulatorIsLayeredEntryPointsOverSchemesOverNetwork() {
        noClasses().that().resideInAPackage("org.warplab.emulation.network..")
                .should().dependOnClassesThat().resideInAnyPackage("org.warplab.emulation.schemes..", "org.warplab.emulation")
                .because("the network knows a scheme only as a SchemeBehaviour, and nothing of the runs built on it")
                .check(main);
        noClasses().that().resideInAPackage("org.warplab.emulation.schemes..")
                .should().dependOnClassesThat().resideInAPackage("org.warplab.emulation")
                .because("a scheme's behaviour is chosen by the Emulator, not the other way round")
                .check(main);
    }

    @Test
    void javaFxOnlyInTheUserInterface() {
        noClasses().that().resideOutsideOfPackages("org.warplab.ui..", "org.warplab.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the model, runtimes and CLI run where there is no display")
                .check(main);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.warplab.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.warplab.ui.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("org.warplab.emulation.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void processesAreStartedThroughTheCommandRunner() {
        noClasses().that().doNotHaveFullyQualifiedName("org.warplab.live.ProcessCommandRunner")
                .and(describe("are not in the shrinking list of old starters",
                        (JavaClass c) -> !PROCESS_STARTERS_NOT_YET_BEHIND_THE_RUNNER.contains(c.getName().replaceAll("\\$.*", ""))))
                .should().callMethodWhere(describe("ProcessBuilder.start or Runtime.exec", ArchitectureTest::startsAProcess))
                .because("every OS command goes through live.CommandRunner, so live mode can be tested with a recording double")
                .check(main);
    }

    /**
     * The scheme is chosen once, in {@code MobilityScheme.of}; every layer gets its part from that
     * object ({@code MobilityScheme.parts}). So no class of these layers reads a {@code SchemeKind}
     * constant (an {@code ==} on {@code lab.scheme()}, a switch, a list of kinds), except a scheme's
     * own part naming its kind.
     */
    @Test
    void layersGetTheirSchemePartFromTheChosenSchemeNotFromItsKind() {
        noSchemeKindConstantsIn("org.warplab.config..", "org.warplab.emulation..", "org.warplab.live..").check(main);
    }

    private static ArchRule noSchemeKindConstantsIn(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .and(describe("are not a scheme's own part", (JavaClass c) -> !isSchemePart(c)))
                .should().accessFieldWhere(describe("reads a SchemeKind constant", ArchitectureTest::readsASchemeKindConstant))
                .because("a scheme is one family of objects, chosen once from the lab (docs/architecture.md, \"Where a new scheme plugs in\")");
    }

    /** What the rule above forbids: a layer asking the lab's kind. */
    private static final class AsksTheKind {
        boolean paging(org.warplab.model.Lab lab) {
            return lab.scheme() == SchemeKind.NETWORK_PAGING;
        }
    }

    /** What it allows: no constant, or a kind() of the scheme's own. */
    private static final class AsksTheScheme {
        SchemeKind kind(org.warplab.model.Lab lab) {
            return MobilityScheme.of(lab).kind();
        }
    }

    /** Nor asks a scheme or its settings which kind they are. */
    @Test
    void layersDoNotChooseTheirSchemePartByInstanceof() {
        noClasses().that().resideInAnyPackage("org.warplab.config..", "org.warplab.emulation..", "org.warplab.live..")
                .should(new ArchCondition<JavaClass>("test whether a scheme or its settings are of one kind (instanceof)") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (InstanceofCheck check : c.getInstanceofChecks()) {
                            JavaClass type = check.getRawType();
                            boolean schemeType = !type.isInterface() && (type.isAssignableTo(MobilityScheme.class) || type.isAssignableTo(SchemeConfig.class));
                            events.add(new SimpleConditionEvent(check, schemeType, check.getOwner().getFullName() + " tests instanceof " + type.getName() + " " + check.getSourceCodeLocation()));
                        }
                    }
                })
                .because("the chosen MobilityScheme gives each layer its part (MobilityScheme.parts): an instanceof chain would be a second choice")
                .check(main);
    }

    @Test
    void theRulesCatchAViolation() {
        JavaClasses withViolation = new ClassFileImporter().importClasses(ArchitectureTest.class, ClassFileImporter.class);
        ArchRule rule = noClasses().that().resideInAPackage("org.warplab.architecture..")
                .should().dependOnClassesThat().resideInAPackage("com.tngtech..");
        assertThrows(AssertionError.class, () -> rule.check(withViolation));
        JavaClasses fixtures = new ClassFileImporter().importClasses(AsksTheKind.class, AsksTheScheme.class, SchemeKind.class);
        assertThrows(AssertionError.class, () -> noSchemeKindConstantsIn("org.warplab.architecture..").check(fixtures));
        noSchemeKindConstantsIn("org.warplab.architecture..").check(new ClassFileImporter().importClasses(AsksTheScheme.class, SchemeKind.class));
        assertEquals("ui", topLevel("org.warplab.ui.run"));
    }

    private static boolean readsASchemeKindConstant(JavaFieldAccess access) {
        return access.getTargetOwner().isEquivalentTo(SchemeKind.class) && access.getTarget().resolveMember()
                .map(field -> field.getModifiers().contains(JavaModifier.STATIC) && field.getRawType().isEquivalentTo(SchemeKind.class))
                .orElse(false);
    }

    /** A scheme's own part of a layer (its files, its behaviour, its live part): it may name the kind it is the part of. */
    private static boolean isSchemePart(JavaClass c) {
        JavaClass top = c.getEnclosingClass().map(ArchitectureTest::outermost).orElse(c);
        return Stream.of("org.warplab.config.SchemeFiles", "org.warplab.emulation.network.SchemeBehaviour", "org.warplab.live.LiveScheme")
                .anyMatch(part -> top.isAssignableTo(part) && !top.getName().equals(part));
    }

    private static JavaClass outermost(JavaClass c) {
        return c.getEnclosingClass().map(ArchitectureTest::outermost).orElse(c);
    }

    private static boolean startsAProcess(JavaAccess<?> call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        return owner.equals(ProcessBuilder.class.getName()) && name.equals("start")
                || owner.equals(Runtime.class.getName()) && name.equals("exec");
    }

    private static String topLevel(String packageName) {
        String rest = packageName.startsWith("org.warplab.") ? packageName.substring("org.warplab.".length()) : packageName;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
