package org.warplab.edit;

import java.util.List;
import org.warplab.model.Lab;
import org.warplab.model.Migration;
import org.warplab.model.ProbeFlow;
import org.warplab.model.SchemeConfig;
import org.warplab.model.SchemeKind;
import org.warplab.model.Testbed;

/** Everything of a lab that is not topology: its name, the scheme and its settings, the plan, the traffic, the testbed. */
public record LabSettings(
        String name,
        String description,
        SchemeKind scheme,
        List<SchemeConfig> schemes,
        List<Migration> migrations,
        List<ProbeFlow> traffic,
        long durationNs,
        Testbed testbed) {

    public static LabSettings of(Lab lab) {
        return new LabSettings(lab.name(), lab.description(), lab.scheme(), lab.schemes(), lab.migrations(),
                lab.traffic(), lab.durationNs(), lab.testbed());
    }

    /** {@code lab}'s topology with these settings. */
    public Lab applyTo(Lab lab) {
        return new Lab(name, description, lab.nodes(), lab.links(), scheme, schemes, migrations, traffic, durationNs, testbed);
    }
}
