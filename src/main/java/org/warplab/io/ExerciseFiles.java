package org.warplab.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.warplab.model.lesson.Exercise;
import org.warplab.model.lesson.Lesson;

/**
 * Reads and writes {@code *.exercise.json}: the goals a class's labs are graded on, kept apart from
 * any one lab. Same rules as a lab file: UTF-8 JSON, {@code formatVersion}, every problem located,
 * canonical text.
 */
public final class ExerciseFiles {

    public static final String EXTENSION = ".exercise.json";

    private ExerciseFiles() {
    }

    public static Exercise load(Path file) throws LabFileException {
        return parse(file, LabFiles.readText(file));
    }

    public static Exercise parse(Path file, String text) throws LabFileException {
        JsonNode root = LabFiles.readTree(file, text);
        JsonLocations locations = LabFiles.index(file, text);
        LabFiles.checkVersion(file, root, locations);
        List<JsonIn.PathProblem> problems = new ArrayList<>();
        Exercise exercise = LessonJson.readExercise(JsonIn.object(root, "", problems), problems);
        LabFiles.throwProblems(file, problems, locations);
        return exercise;
    }

    /** The exercise a lab carries in its lesson: the lesson's goals. */
    public static Exercise of(Lesson lesson) {
        return new Exercise(lesson.title(), "the goals of the lab's lesson", lesson.goals());
    }

    public static String toJson(Exercise exercise) {
        return CanonicalJson.print(LessonJson.writeExercise(exercise));
    }

    public static void save(Path file, Exercise exercise) throws IOException {
        LabFiles.writeAtomically(file, toJson(exercise).getBytes(StandardCharsets.UTF_8));
    }
}
