package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;

/** Changes the lab's settings (scheme, plan, traffic, name) and leaves the topology alone. */
public record ChangeSettings(String name, LabSettings before, LabSettings after) implements Replacement<LabSettings> {

    public ChangeSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /** The edit that turns {@code before}'s settings into {@code after}'s. */
    public static ChangeSettings between(String name, Lab before, Lab after) {
        return new ChangeSettings(name, LabSettings.of(before), LabSettings.of(after));
    }

    @Override
    public Lab with(Lab lab, LabSettings settings) {
        return settings.applyTo(lab);
    }
}
