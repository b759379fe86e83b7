package org.warplab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest;
import org.warplab.scenario.ValidatedLabsRunPropertiesTest.Recipe;

/**
 * What {@code compare} runs, over the drawn and edited labs: the lab's own scheme first, each scheme
 * it has settings for and every baseline once; a scheme the lab is not valid under is refused with
 * the validator's first error and never run; a runtime's refusal is said, not thrown.
 */
class SchemeComparisonPropertiesTest {

    @Provide
    Arbitrary<Recipe> labs() {
        return ValidatedLabsRunPropertiesTest.recipeArbitrary();
    }

    /** A runtime that runs nothing: it records the scheme it was asked for and refuses, or returns no figures. */
    private record Recording(List<SchemeKind> asked, boolean refuse) implements LabRuntime {
        @Override public String description() { return "recording"; }

        @Override public Optional<String> unavailable(Lab lab) { return Optional.empty(); }

        @Override
        public RunOutcome run(Lab lab, long seed, Consumer<String> progress) throws RunFailedException {
            asked.add(lab.scheme());
            if (refuse) {
                throw new RunFailedException("no " + lab.scheme().key() + " here");
            }
            return new RunOutcome(new RunResult(lab.name(), lab.scheme().key(), "recording", seed, 0, List.of(), List.of()), Trace.empty(), List.of());
        }
    }

    @Property(tries = 40, seed = "170")
    void everySchemeOnceOwnFirstAndOnlyValidOnesRun(@ForAll("labs") Recipe recipe, @ForAll boolean refuse) throws Exception {
        Lab lab = ValidatedLabsRunPropertiesTest.build(recipe);
        List<SchemeKind> schemes = SchemeComparison.schemesOf(lab);
        assertEquals(lab.scheme(), schemes.get(0), "the lab's own scheme first");
        assertEquals(schemes.size(), schemes.stream().distinct().count(), "each scheme once");
        for (SchemeKind kind : SchemeKind.values()) {
            boolean expected = kind == lab.scheme() || kind.isBaseline() || lab.schemes().stream().map(SchemeConfig::kind).anyMatch(kind::equals);
            assertEquals(expected, schemes.contains(kind), kind + " compared");
        }
        Recording runtime = new Recording(new java.util.ArrayList<>(), refuse);
        List<SchemeComparison.Entry> entries = SchemeComparison.runAll(runtime, lab, 3, 1, ParallelRuns.Progress.NONE, new ParallelRuns.Cancel());
        assertEquals(schemes, entries.stream().map(SchemeComparison.Entry::scheme).toList(), "entries in the schemes' order");
        for (SchemeComparison.Entry entry : entries) {
            Optional<org.warplab.model.Problem> error = LabValidator.validate(lab.withScheme(entry.scheme())).stream()
                    .filter(org.warplab.model.Problem::isError).findFirst();
            if (error.isPresent()) {
                assertEquals("not applicable: " + error.get().message(), entry.refusal());
                assertTrue(!runtime.asked().contains(entry.scheme()), entry.scheme() + " is not run when invalid");
            } else if (refuse) {
                assertEquals("not run: no " + entry.scheme().key() + " here", entry.refusal());
            } else {
                assertTrue(entry.ran() && entry.refusal() == null && entry.result().scheme().equals(entry.scheme().key()));
            }
        }
    }
}
