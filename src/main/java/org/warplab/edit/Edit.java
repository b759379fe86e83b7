package org.warplab.edit;

import org.warplab.model.Lab;

/**
 * One user gesture's change to a lab, undoable. Edits work on immutable labs: {@link #apply} returns
 * the lab after the gesture and {@link #undo} the lab before it, given the lab the other returned.
 */
public interface Edit {

    /** What the gesture did, for menus: "Move 3 nodes", "Rename R1". */
    String name();

    Lab apply(Lab lab);

    Lab undo(Lab lab);
}
