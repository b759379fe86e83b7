package org.warplab.run;

import java.util.List;

/** The frames seen at one capture point (a link or a LAN), in time order. */
public record Capture(String point, String description, List<CapturedFrame> frames) {
    public Capture {
        frames = List.copyOf(frames);
    }
}
