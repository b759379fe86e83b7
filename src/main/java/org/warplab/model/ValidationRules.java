package org.warplab.model;

import java.util.List;
import java.util.Map;

/**
 * One concern of {@link LabValidator}: it adds its problems to the validator's list, in the order the
 * concerns run, and shares the index of node positions the node checks build (so later concerns can
 * name a node by its place in the document).
 */
abstract sealed class ValidationRules permits NodeRules, LinkRules, SchemeRules, MigrationRules {

    final Lab lab;
    final Map<String, Integer> nodeIndex;
    private final List<Problem> problems;

    ValidationRules(Lab lab, List<Problem> problems, Map<String, Integer> nodeIndex) {
        this.lab = lab;
        this.problems = problems;
        this.nodeIndex = nodeIndex;
    }

    abstract void check();

    /** The document path of a node, e.g. "nodes[3]". */
    final String nodePath(String id) {
        Integer index = nodeIndex.get(id);
        if (index == null) {
            for (int i = 0; i < lab.nodes().size(); i++) {
                if (lab.nodes().get(i).id().equals(id)) {
                    return "nodes[" + i + "]";
                }
            }
        }
        return "nodes[" + index + "]";
    }

    /** The router a scheme setting names, or null after reporting why it is not one (or has the wrong role, when one is asked for). */
    final Router requireRouter(String id, String path, RouterRole role, String what) {
        Node node = lab.node(id).orElse(null);
        if (node == null) {
            error("", path, what + " '" + id + "' does not exist", "name a router of this lab");
            return null;
        }
        if (!(node instanceof Router router)) {
            error(id, path, what + " '" + id + "' is a " + node.kind().label() + ", not a router", "name a router of this lab");
            return null;
        }
        if (role != null && router.role() != role) {
            error(id, path, what + " '" + id + "' is a " + router.role().key() + " router", "use a " + role.key() + " router, or change its role");
        }
        return router;
    }

    static String millis(long ns) {
        return Units.msExact(ns);
    }

    final void error(String element, String path, String message, String hint) {
        problems.add(Problem.error(element, path, message, hint));
    }

    final void warning(String element, String path, String message, String hint) {
        problems.add(Problem.warning(element, path, message, hint));
    }
}
