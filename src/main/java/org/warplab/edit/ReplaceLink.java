package org.warplab.edit;

import java.util.Objects;
import org.warplab.model.Lab;
import org.warplab.model.Link;

/** Replaces one link by a changed copy (same id): another delay, bandwidth, address. */
public record ReplaceLink(String name, Link before, Link after) implements Replacement<Link> {

    public ReplaceLink {
        Objects.requireNonNull(name, "name");
        Replacement.requireSameId("link", before.id(), after.id());
    }

    @Override
    public Lab with(Lab lab, Link link) {
        return lab.replacingLink(link);
    }
}
