package org.warplab.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a lab and returns every problem at once, errors and warnings. A lab with no error can be
 * emulated and configured, and runs live wherever live mode supports its scheme: this is the one
 * place that decides whether a lab can run. The checks are kept one concern a class, run in this
 * order: {@link NodeRules}, {@link LinkRules}, {@link SchemeRules}, {@link MigrationRules}, then
 * {@link LabLimits} and {@link RunPreconditions}.
 */
public final class LabValidator {

    /** Ids become device and namespace names, so they stay short and plain. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,15}");
    public static final int MIN_MTU = 576;
    public static final int MIN_IPV6_MTU = 1280;
    public static final int MAX_MTU = 9216;

    private final Lab lab;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();

    private LabValidator(Lab lab) {
        this.lab = lab;
    }

    public static List<Problem> validate(Lab lab) {
        LabValidator validator = new LabValidator(lab);
        validator.run();
        return List.copyOf(validator.problems);
    }

    public static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    private void run() {
        if (lab.name().isBlank()) {
            error("", "name", "the lab has no name", "give it a short name, e.g. \"Paging demo\"");
        }
        if (lab.durationNs() <= 0) {
            error("", "durationMs", "the run duration must be positive", "set the run duration to a few seconds, e.g. 5000 ms");
        }
        for (ValidationRules rules : List.of(new NodeRules(lab, problems, nodeIndex), new LinkRules(lab, problems, nodeIndex),
                new SchemeRules(lab, problems, nodeIndex), new MigrationRules(lab, problems, nodeIndex))) {
            rules.check();
        }
        problems.addAll(LabLimits.check(lab));
        checkRunPreconditions();
    }

    /** What a run needs beyond a well-formed lab (kept in its own class: see {@link RunPreconditions}). */
    private void checkRunPreconditions() {
        RunPreconditions.checkCompleteness(lab, problems);
        if (!hasErrors(problems)) {
            RunPreconditions.checkRuntimeNeeds(lab, problems);
        }
    }

    private void error(String element, String path, String message, String hint) {
        problems.add(Problem.error(element, path, message, hint));
    }
}
