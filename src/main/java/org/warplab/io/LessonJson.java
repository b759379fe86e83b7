package org.warplab.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.warplab.model.SchemeKind;
import org.warplab.model.lesson.Exercise;
import org.warplab.model.lesson.Figure;
import org.warplab.model.lesson.Goal;
import org.warplab.model.lesson.Lesson;
import org.warplab.model.lesson.LessonStep;
import org.warplab.model.lesson.Question;
import org.warplab.model.lesson.StoryStop;

/**
 * The {@code lesson} section of a lab file and the body of an {@code *.exercise.json}: steps,
 * questions and goals, read with every problem located and written with keys in a fixed order.
 */
final class LessonJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);
    static final List<String> GOAL_KEYS = List.of("reachable", "below", "other-tenants-untouched", "scheme", "at-most-routers",
            "no-warnings", "client-edge-translation");

    private LessonJson() {
    }

    static Lesson readLesson(JsonIn in, List<JsonIn.PathProblem> problems) {
        String title = in.string("title");
        List<String> objectives = in.strings("objectives", false);
        List<LessonStep> steps = new ArrayList<>();
        for (JsonIn.Element element : in.array("steps", true)) {
            steps.add(readStep(JsonIn.object(element.node(), element.path(), problems), problems));
        }
        List<Goal> goals = readGoals(in, problems, false);
        in.rejectUnknown();
        return new Lesson(title, objectives, steps, goals);
    }

    static Exercise readExercise(JsonIn in, List<JsonIn.PathProblem> problems) {
        String title = in.string("title");
        String description = in.string("description", "");
        List<Goal> goals = readGoals(in, problems, true);
        if (in.has("goals") && goals.isEmpty() && problems.isEmpty()) {
            in.problem("goals", "an exercise needs at least one goal");
        }
        in.has("formatVersion");
        in.rejectUnknown();
        return new Exercise(title, description, goals);
    }

    private static LessonStep readStep(JsonIn in, List<JsonIn.PathProblem> problems) {
        String text = in.string("text");
        List<String> highlight = in.strings("highlight", false);
        Optional<StoryStop> stop = Optional.empty();
        if (in.has("stop")) {
            JsonIn s = in.child("stop");
            stop = Optional.of(new StoryStop(s.string("migration"), s.string("step")));
            s.rejectUnknown();
        }
        Optional<Question> question = in.has("question") ? Optional.of(readQuestion(in.child("question"))) : Optional.empty();
        String feedback = in.string("feedback", "");
        in.rejectUnknown();
        return new LessonStep(text, highlight, stop, question, feedback);
    }

    private static Question readQuestion(JsonIn in) {
        String prompt = in.string("prompt");
        Question question;
        if (in.has("options")) {
            List<String> options = in.strings("options", true);
            int answer = in.integer("answer");
            if (options.size() < 2) {
                in.problem("options", "a multiple-choice question needs at least two options");
            } else if (answer < 0 || answer >= options.size()) {
                in.problem("answer", "answer " + answer + " is not an option's index; the options are numbered 0 to " + (options.size() - 1));
            }
            question = new Question.Choice(prompt, options, answer);
        } else {
            Figure figure = in.choice("figure", Figure.class);
            BigDecimal tolerance = in.decimal("toleranceMs");
            if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.valueOf(3_600_000)) > 0) {
                in.problem("toleranceMs", "a tolerance is between 0 and 3600000 ms");
            }
            question = new Question.Prediction(prompt, in.string("migration"), figure, tolerance.doubleValue());
        }
        in.rejectUnknown();
        return question;
    }

    private static List<Goal> readGoals(JsonIn in, List<JsonIn.PathProblem> problems, boolean required) {
        List<Goal> goals = new ArrayList<>();
        for (JsonIn.Element element : in.array("goals", required)) {
            Goal goal = readGoal(JsonIn.object(element.node(), element.path(), problems));
            if (goal != null) {
                goals.add(goal);
            }
        }
        return goals;
    }

    private static Goal readGoal(JsonIn in) {
        String key = in.string("goal");
        Goal goal = switch (key) {
            case "reachable" -> new Goal.Reachable(in.string("migration"));
            case "below" -> {
                Figure figure = in.choice("figure", Figure.class);
                String migration = in.string("migration");
                long max = in.millis("maxMs");
                if (max <= 0) {
                    in.problem("maxMs", "a bound is a positive number of milliseconds");
                }
                yield new Goal.Below(figure, migration, max);
            }
            case "other-tenants-untouched" -> new Goal.OtherTenantsUntouched();
            case "scheme" -> new Goal.SchemeInUse(in.choice("scheme", SchemeKind.class));
            case "at-most-routers" -> {
                int count = in.integer("count");
                if (count < 0) {
                    in.problem("count", "a router count is 0 or more");
                }
                yield new Goal.AtMostRouters(count);
            }
            case "no-warnings" -> new Goal.NoWarnings();
            case "client-edge-translation" -> new Goal.ClientEdgeTranslation(in.string("vm"));
            default -> {
                if (!key.isEmpty()) {
                    in.problem("goal", "'" + key + "' is not a goal; expected one of: " + String.join(", ", GOAL_KEYS));
                }
                yield null;
            }
        };
        in.rejectUnknown();
        return goal;
    }

    static ObjectNode writeLesson(Lesson lesson) {
        ObjectNode out = JSON.objectNode();
        out.put("title", lesson.title());
        ArrayNode objectives = out.putArray("objectives");
        lesson.objectives().forEach(objectives::add);
        ArrayNode steps = out.putArray("steps");
        lesson.steps().forEach(s -> steps.add(step(s)));
        ArrayNode goals = out.putArray("goals");
        lesson.goals().forEach(g -> goals.add(goal(g)));
        return out;
    }

    static ObjectNode writeExercise(Exercise exercise) {
        ObjectNode out = JSON.objectNode();
        out.put("formatVersion", LabFiles.FORMAT_VERSION);
        out.put("title", exercise.title());
        out.put("description", exercise.description());
        ArrayNode goals = out.putArray("goals");
        exercise.goals().forEach(g -> goals.add(goal(g)));
        return out;
    }

    private static ObjectNode step(LessonStep step) {
        ObjectNode out = JSON.objectNode();
        out.put("text", step.text());
        if (!step.highlight().isEmpty()) {
            ArrayNode highlight = out.putArray("highlight");
            step.highlight().forEach(highlight::add);
        }
        step.stop().ifPresent(stop -> {
            ObjectNode s = out.putObject("stop");
            s.put("migration", stop.migration());
            s.put("step", stop.step());
        });
        step.question().ifPresent(q -> {
            ObjectNode question = out.putObject("question");
            question.put("prompt", q.prompt());
            if (q instanceof Question.Choice c) {
                ArrayNode options = question.putArray("options");
                c.options().forEach(options::add);
                question.put("answer", c.answer());
            } else if (q instanceof Question.Prediction p) {
                question.put("migration", p.migration());
                question.put("figure", p.figure().key());
                question.set("toleranceMs", JSON.numberNode(BigDecimal.valueOf(p.tolerance()).stripTrailingZeros()));
            }
        });
        if (!step.feedback().isEmpty()) {
            out.put("feedback", step.feedback());
        }
        return out;
    }

    private static ObjectNode goal(Goal goal) {
        ObjectNode out = JSON.objectNode();
        out.put("goal", goal.key());
        if (goal instanceof Goal.Reachable r) {
            out.put("migration", r.migration());
        } else if (goal instanceof Goal.Below b) {
            out.put("figure", b.figure().key());
            out.put("migration", b.migration());
            out.set("maxMs", JSON.numberNode(BigDecimal.valueOf(b.maxNs()).movePointLeft(6).stripTrailingZeros()));
        } else if (goal instanceof Goal.SchemeInUse s) {
            out.put("scheme", s.scheme().key());
        } else if (goal instanceof Goal.AtMostRouters a) {
            out.put("count", a.count());
        } else if (goal instanceof Goal.ClientEdgeTranslation c) {
            out.put("vm", c.vm());
        }
        return out;
    }
}
