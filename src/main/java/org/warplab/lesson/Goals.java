package org.warplab.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Migration;
import org.warplab.model.NetworkPaging;
import org.warplab.model.Problem;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeKind;
import org.warplab.model.Vm;
import org.warplab.model.lesson.Goal;
import org.warplab.run.MigrationMetrics;
import org.warplab.run.RunOutcome;
import org.warplab.run.TraceEvent;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.Placement;
import org.warplab.scheme.StateEntry;

/** Evaluates goals on a lab and, for the goals about figures, on one run of it. */
public final class Goals {

    private Goals() {
    }

    /** A run of the lab, or why there is none. */
    public record RunAttempt(Optional<RunOutcome> outcome, String failure) {
        public static RunAttempt ran(RunOutcome outcome) {
            return new RunAttempt(Optional.of(outcome), "");
        }

        public static RunAttempt failed(String why) {
            return new RunAttempt(Optional.empty(), why);
        }
    }

    /** Whether evaluating {@code goal} needs a run of the lab. */
    public static boolean needsRun(Goal goal) {
        return goal instanceof Goal.Reachable || goal instanceof Goal.Below || goal instanceof Goal.OtherTenantsUntouched;
    }

    public static List<GoalResult> evaluate(List<Goal> goals, Lab lab, RunAttempt run) {
        List<Problem> problems = LabValidator.validate(lab);
        List<GoalResult> results = new ArrayList<>();
        for (Goal goal : goals) {
            results.add(evaluate(goal, lab, problems, run));
        }
        return results;
    }

    /** The goal in words, as a grade sheet's column and a check line show it. */
    public static String describe(Goal goal) {
        if (goal instanceof Goal.Reachable r) {
            return "VM reachable after " + r.migration();
        } else if (goal instanceof Goal.Below b) {
            return b.figure().label() + " of " + b.migration() + " at most " + Figures.ms(b.maxNs());
        } else if (goal instanceof Goal.OtherTenantsUntouched) {
            return "no probe of another tenant lost";
        } else if (goal instanceof Goal.SchemeInUse s) {
            return "scheme " + s.scheme().key() + " in use";
        } else if (goal instanceof Goal.AtMostRouters a) {
            return "at most " + a.count() + " router" + (a.count() == 1 ? "" : "s");
        } else if (goal instanceof Goal.NoWarnings) {
            return "validates with no warnings";
        } else if (goal instanceof Goal.ClientEdgeTranslation c) {
            return "client edges translate for " + c.vm();
        }
        throw new IllegalArgumentException("unknown goal " + goal);
    }

    private static GoalResult evaluate(Goal goal, Lab lab, List<Problem> problems, RunAttempt run) {
        String name = describe(goal);
        if (needsRun(goal) && run.outcome().isEmpty()) {
            return new GoalResult(goal, name, false, "no run", "the lab did not run: " + run.failure());
        }
        if (goal instanceof Goal.Reachable r) {
            return Figures.migration(run.outcome().get().result(), Optional.of(r.migration())).map(m -> reachable(goal, name, m))
                    .orElseGet(() -> missingMigration(goal, name, r.migration(), lab));
        } else if (goal instanceof Goal.Below b) {
            return Figures.migration(run.outcome().get().result(), Optional.of(b.migration())).map(m -> below(b, name, m))
                    .orElseGet(() -> missingMigration(goal, name, b.migration(), lab));
        } else if (goal instanceof Goal.OtherTenantsUntouched) {
            return otherTenants(goal, name, lab, run.outcome().get());
        } else if (goal instanceof Goal.SchemeInUse s) {
            boolean ok = lab.scheme() == s.scheme();
            return new GoalResult(goal, name, ok, lab.scheme().key(), ok ? "the lab uses " + lab.scheme().label()
                    : "the lab uses " + lab.scheme().label() + "; choose " + s.scheme().label() + " in the scheme panel");
        } else if (goal instanceof Goal.AtMostRouters a) {
            int routers = lab.routers().size();
            boolean ok = routers <= a.count();
            return new GoalResult(goal, name, ok, routers + " router" + (routers == 1 ? "" : "s"),
                    ok ? "within the limit" : (routers - a.count()) + " more than allowed; remove routers the traffic does not need");
        } else if (goal instanceof Goal.NoWarnings) {
            boolean ok = problems.isEmpty();
            long errors = problems.stream().filter(Problem::isError).count();
            return new GoalResult(goal, name, ok, errors + " error(s), " + (problems.size() - errors) + " warning(s)",
                    ok ? "the validator has nothing to say" : "first: " + problems.get(0).message());
        } else if (goal instanceof Goal.ClientEdgeTranslation c) {
            return clientEdges(c, name, lab, problems);
        }
        throw new IllegalArgumentException("unknown goal " + goal);
    }

    private static GoalResult missingMigration(Goal goal, String name, String id, Lab lab) {
        String known = lab.migrations().stream().map(Migration::id).collect(Collectors.joining(", "));
        return new GoalResult(goal, name, false, "no migration " + id, "the lab has no migration '" + id + "'"
                + (known.isEmpty() ? "; add one" : " (it has: " + known + ")"));
    }

    private static GoalResult reachable(Goal goal, String name, MigrationMetrics m) {
        String measured = m.probesLost() + " of " + m.probesSent() + " probes lost, gap " + Figures.shown(org.warplab.model.lesson.Figure.CLIENT_GAP, m);
        if (m.reachableAfter()) {
            return new GoalResult(goal, name, true, measured, "echoes came back from " + m.address() + " after the move"
                    // a live run measures no hop-by-hop path: only the emulator's trace has one
                    + (m.pathAfter().isEmpty() ? "" : ", via " + m.pathAfter()));
        }
        String why = m.flows().isEmpty() ? "no probe flow goes to " + m.vm() + "; add one to watch it"
                : "no echo came back from " + m.address() + " after the move to " + m.to() + ": the network still sends its traffic "
                + (m.pathBefore().isEmpty() ? "the old way" : "along " + m.pathBefore());
        return new GoalResult(goal, name, false, measured, why);
    }

    private static GoalResult below(Goal.Below b, String name, MigrationMetrics m) {
        Optional<Long> value = Figures.value(b.figure(), m);
        if (value.isEmpty()) {
            return new GoalResult(b, name, false, Figures.shown(b.figure(), m), "there is no " + b.figure().label() + " to compare"
                    + (m.reachableAfter() ? "" : "; the VM was not reachable after the move"));
        }
        boolean ok = value.get() <= b.maxNs();
        return new GoalResult(b, name, ok, Figures.ms(value.get()), ok ? "within the bound of " + Figures.ms(b.maxNs())
                : Figures.ms(value.get() - b.maxNs()) + " over the bound of " + Figures.ms(b.maxNs()));
    }

    private static GoalResult otherTenants(Goal goal, String name, Lab lab, RunOutcome outcome) {
        Set<String> moving = lab.migrations().stream().map(Migration::vm).collect(Collectors.toSet());
        List<String> others = lab.traffic().stream().filter(f -> !moving.contains(f.vm())).map(ProbeFlow::id).toList();
        if (others.isEmpty()) {
            return new GoalResult(goal, name, false, "no flow to watch", "no probe flow goes to a VM that stays put; add one to another tenant's VM");
        }
        long lost = 0;
        long echoes = 0;
        List<String> lossy = new ArrayList<>();
        for (TraceEvent e : outcome.trace().events()) {
            if (e instanceof TraceEvent.Dropped d && others.contains(d.flow())) {
                lost++;
                if (!lossy.contains(d.flow())) {
                    lossy.add(d.flow());
                }
            } else if (e instanceof TraceEvent.Delivered d && others.contains(d.flow()) && d.kind() == org.warplab.run.PacketKind.ECHO) {
                echoes++;
            }
        }
        String measured = lost + " lost, " + echoes + " echoes back on " + String.join(", ", others);
        if (echoes == 0) {
            return new GoalResult(goal, name, false, measured, "no echo came back on the other tenants' flows at all");
        }
        return new GoalResult(goal, name, lost == 0, measured, lost == 0 ? "the other tenants' traffic never noticed the move"
                : "flow " + String.join(", ", lossy) + " lost probes: the move disturbed another tenant; give each tenant its own segment id");
    }

    private static GoalResult clientEdges(Goal.ClientEdgeTranslation c, String name, Lab lab, List<Problem> problems) {
        Optional<Vm> vm = lab.node(c.vm(), Vm.class);
        if (vm.isEmpty()) {
            return new GoalResult(c, name, false, "no VM " + c.vm(), "the lab has no VM '" + c.vm() + "'");
        }
        if (lab.scheme() != SchemeKind.NETWORK_PAGING) {
            return new GoalResult(c, name, false, lab.scheme().key(), "only network paging translates at the client edge; the lab uses "
                    + lab.scheme().label());
        }
        if (LabValidator.hasErrors(problems)) {
            return new GoalResult(c, name, false, "lab has errors", "the scheme's state cannot be worked out until the lab validates: "
                    + problems.stream().filter(Problem::isError).findFirst().get().message());
        }
        List<String> edges = lab.activeScheme().map(s -> ((NetworkPaging) s).clientEdges()).orElse(List.of());
        if (edges.isEmpty()) {
            return new GoalResult(c, name, false, "no client edge", "network paging has no client-side edge router; name one in the scheme panel");
        }
        Set<String> addresses = vm.get().addresses().stream().map(Object::toString).collect(Collectors.toSet());
        List<StateEntry> held = MobilityScheme.of(lab).state(lab, Placement.initial(lab)).entries().stream()
                .filter(e -> e.table().equals("location") && addresses.contains(e.key())).toList();
        List<String> missing = edges.stream().filter(edge -> held.stream().noneMatch(e -> e.device().equals(edge))).toList();
        String measured = held.isEmpty() ? "no entry" : held.stream().map(e -> e.device() + ": " + e.key() + " → " + e.value())
                .collect(Collectors.joining("; "));
        return new GoalResult(c, name, missing.isEmpty(), measured, missing.isEmpty() ? "every client edge knows where " + c.vm() + " is"
                : String.join(", ", missing) + " hold" + (missing.size() == 1 ? "s" : "") + " no location for " + addresses
                + ": is the VM's address inside a server edge's LAN prefix S?");
    }
}
