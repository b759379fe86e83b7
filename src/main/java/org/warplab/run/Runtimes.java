package org.warplab.run;

/** The runtimes the designer offers: the emulator always, live mode where this machine can run it. */
public record Runtimes(LabRuntime emulated, LabRuntime live) {
}
