package org.warplab.run;

/** One Ethernet frame as seen at a capture point, with its time. */
public record CapturedFrame(long timeNs, byte[] bytes) { }
