package org.warplab.config;

import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.LabValidator;
import org.warplab.model.Problem;

/**
 * Whether configs can be generated for a lab. The validator decides it for every runtime at once
 * (see {@code RunPreconditions}), so the Configs tab, {@code warplab configs}, the Problems tab and
 * Run agree; errors here mean no file is generated.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    public static List<Problem> check(Lab lab) {
        return LabValidator.validate(lab);
    }
}
