package org.warplab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.warplab.emulation.EmulatedRuntime;
import org.warplab.model.Lab;
import org.warplab.model.SchemeKind;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Goal;
import org.warplab.testing.Samples;

/**
 * Each kind of goal judged on the paper's paging lab and one emulated run of it: the verdict, the
 * figure it rests on and the sentence a student is given, for a goal met, a goal missed and a goal
 * that cannot be judged (no run, a migration the lab does not have).
 */
class GoalsTest {

    private static Lab paging;
    private static Goals.RunAttempt run;

    @BeforeAll
    static void runOnce() throws InterruptedException {
        paging = Samples.lab("paging-paper");
        run = ExerciseCheck.run(paging, new EmulatedRuntime(), 60_000);
        assertTrue(run.outcome().isPresent(), run.failure());
    }

    private static GoalResult judge(Goal goal, Lab lab, Goals.RunAttempt attempt) {
        List<GoalResult> results = Goals.evaluate(List.of(goal), lab, attempt);
        assertEquals(1, results.size());
        assertEquals(goal, results.get(0).source());
        return results.get(0);
    }

    @Test
    void goalsOnTheLabAloneNeedNoRun() {
        for (Goal goal : List.of(new Goal.SchemeInUse(SchemeKind.NETWORK_PAGING), new Goal.AtMostRouters(1), new Goal.NoWarnings(),
                new Goal.ClientEdgeTranslation("vm1"))) {
            assertFalse(Goals.needsRun(goal), goal.key());
        }
        GoalResult scheme = judge(new Goal.SchemeInUse(SchemeKind.NETWORK_PAGING), paging, Goals.RunAttempt.failed("not asked"));
        assertTrue(scheme.passed(), scheme.line());
        GoalResult other = judge(new Goal.SchemeInUse(SchemeKind.MOBILE_IPV6), paging, Goals.RunAttempt.failed("not asked"));
        assertFalse(other.passed());
        assertTrue(other.why().endsWith("choose " + SchemeKind.MOBILE_IPV6.label() + " in the scheme panel"), other.why());
    }

    @Test
    void routersAreCountedAgainstTheLimitWithTheExcessNamed() {
        int routers = paging.routers().size();
        GoalResult within = judge(new Goal.AtMostRouters(routers), paging, Goals.RunAttempt.failed("not asked"));
        assertTrue(within.passed());
        assertEquals(routers + " routers", within.measured());
        GoalResult over = judge(new Goal.AtMostRouters(routers - 2), paging, Goals.RunAttempt.failed("not asked"));
        assertFalse(over.passed());
        assertEquals("2 more than allowed; remove routers the traffic does not need", over.why());
        assertEquals("at most 1 router", Goals.describe(new Goal.AtMostRouters(1)), "one router, singular");
    }

    @Test
    void aGoalOnARunFailsWithTheReasonThereWasNone() {
        GoalResult result = judge(new Goal.Reachable("m1"), paging, Goals.RunAttempt.failed("the lab has errors (first: x)"));
        assertFalse(result.passed());
        assertEquals("no run", result.measured());
        assertEquals("the lab did not run: the lab has errors (first: x)", result.why());
    }

    @Test
    void aMigrationTheLabDoesNotHaveIsNamedWithTheOnesItHas() {
        String id = paging.migrations().get(0).id();
        GoalResult result = judge(new Goal.Reachable("nope"), paging, run);
        assertFalse(result.passed());
        assertEquals("no migration nope", result.measured());
        assertEquals("the lab has no migration 'nope' (it has: " + id + ")", result.why());
    }

    @Test
    void theMovedVmIsReachableAndItsFiguresAreJudgedAgainstTheBound() {
        String id = paging.migrations().get(0).id();
        GoalResult reachable = judge(new Goal.Reachable(id), paging, run);
        assertTrue(reachable.passed(), reachable.line());
        long gap = Figures.value(Figure.CLIENT_GAP, Figures.migration(run.outcome().get().result(), java.util.Optional.of(id)).orElseThrow())
                .orElseThrow();
        GoalResult met = judge(new Goal.Below(Figure.CLIENT_GAP, id, gap), paging, run);
        assertTrue(met.passed(), "a bound equal to the figure is met: " + met.line());
        assertEquals(Figures.ms(gap), met.measured());
        GoalResult missed = judge(new Goal.Below(Figure.CLIENT_GAP, id, gap - 1_000_000), paging, run);
        assertFalse(missed.passed());
        assertEquals("1.0 ms over the bound of " + Figures.ms(gap - 1_000_000), missed.why());
        assertTrue(missed.line().startsWith("FAIL client gap of " + id + " at most "), missed.line());
    }

    @Test
    void withoutAFlowToAnotherTenantThereIsNothingToWatch() {
        GoalResult result = judge(new Goal.OtherTenantsUntouched(), paging, run);
        assertFalse(result.passed(), "the paging lab's only flow goes to the moving VM");
        assertEquals("no flow to watch", result.measured());
    }

    @Test
    void aLessonsTextIsFilledWithTheRunsFiguresAndLeavesUnknownNamesAlone() {
        org.warplab.run.MigrationMetrics m = run.outcome().get().result().migrations().get(0);
        String filled = Figures.fill("gap {client-gap}, lost {probes-lost}, {nonsense}, $1 {path-after}", m);
        assertEquals("gap " + Figures.shown(Figure.CLIENT_GAP, m) + ", lost " + m.probesLost() + " of " + m.probesSent()
                + ", {nonsense}, $1 " + m.pathAfter(), filled, "a '$' in the text is not a group reference");
        assertTrue(Figures.shown(Figure.CLIENT_GAP, m).endsWith(" ms"));
    }
}
