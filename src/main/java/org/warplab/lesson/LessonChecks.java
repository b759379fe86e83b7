package org.warplab.lesson;

import java.util.ArrayList;
import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.Problem;
import org.warplab.model.lesson.Goal;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.run.story.StepKind;

/** What a lesson refers to must exist in its lab: migrations, nodes and links, story step kinds. */
public final class LessonChecks {

    private LessonChecks() {
    }

    /** The lesson's dangling references, as problems placed at their path in the lab file. */
    public static List<Problem> problems(Lab lab) {
        List<Problem> problems = new ArrayList<>();
        if (lab.lesson().isEmpty()) {
            return problems;
        }
        Lesson lesson = lab.lesson().get();
        for (int i = 0; i < lesson.steps().size(); i++) {
            LessonStep step = lesson.steps().get(i);
            String at = "lesson.steps[" + i + "]";
            for (int h = 0; h < step.highlight().size(); h++) {
                String id = step.highlight().get(h);
                if (lab.node(id).isEmpty() && lab.link(id).isEmpty()) {
                    problems.add(Problem.error(id, at + ".highlight[" + h + "]", "no node or link '" + id + "' to highlight", "use an id of the lab"));
                }
            }
            step.stop().ifPresent(stop -> {
                migration(lab, stop.migration(), at + ".stop.migration", problems);
                if (StepKind.byKey(stop.step()).isEmpty()) {
                    problems.add(Problem.error("", at + ".stop.step", "'" + stop.step() + "' is not a story step",
                            "one of: " + String.join(", ", java.util.Arrays.stream(StepKind.values()).map(StepKind::key).toList())));
                }
            });
            if (step.question().isPresent() && step.question().get() instanceof Question.Prediction p) {
                migration(lab, p.migration(), at + ".question.migration", problems);
            }
        }
        for (int g = 0; g < lesson.goals().size(); g++) {
            Goal goal = lesson.goals().get(g);
            String at = "lesson.goals[" + g + "]";
            if (goal instanceof Goal.Reachable r) {
                migration(lab, r.migration(), at + ".migration", problems);
            } else if (goal instanceof Goal.Below b) {
                migration(lab, b.migration(), at + ".migration", problems);
            }
        }
        return problems;
    }

    private static void migration(Lab lab, String id, String path, List<Problem> problems) {
        if (lab.migrations().stream().noneMatch(m -> m.id().equals(id))) {
            problems.add(Problem.error(id, path, "no migration '" + id + "'", "name one of the lab's migrations"));
        }
    }
}
