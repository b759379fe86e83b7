package org.warplab.lesson;

import java.util.List;
import java.util.Locale;
import org.warplab.model.lesson.Exercise;
import org.warplab.model.lesson.Goal;

/** The grades of a class as CSV: one row per lab, one column per goal, the score and the reason for anything short of full marks. */
public final class GradeSheet {

    private GradeSheet() {
    }

    public static String csv(Exercise exercise, List<Grader.Grade> grades) {
        StringBuilder out = new StringBuilder();
        out.append("lab,score,passed,goals");
        for (Goal goal : exercise.goals()) {
            out.append(',').append(cell(Goals.describe(goal)));
        }
        out.append(",reason\n");
        for (Grader.Grade grade : grades) {
            out.append(cell(grade.file().getFileName().toString())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", grade.score())).append(',');
            if (grade.report() == null) {
                out.append("0,").append(exercise.goals().size());
                exercise.goals().forEach(g -> out.append(",not graded"));
                out.append(',').append(cell(grade.refusal())).append('\n');
                continue;
            }
            ExerciseCheck.Report report = grade.report();
            out.append(report.passed()).append(',').append(report.results().size());
            for (GoalResult result : report.results()) {
                out.append(',').append(cell((result.passed() ? "pass: " : "fail: ") + result.measured()));
            }
            String reason = report.results().stream().filter(r -> !r.passed()).map(r -> r.goal() + ": " + r.why()).findFirst().orElse("");
            out.append(',').append(cell(reason)).append('\n');
        }
        return out.toString();
    }

    /**
     * One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is
     * defused, since a student picks the file name and a spreadsheet would run it as a formula.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        safe = safe.replace("\r", " ").replace("\n", " ");
        if (safe.contains(",") || safe.contains("\"")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
