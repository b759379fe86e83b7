package org.warplab.live.qemu;

/** How QEMU runs the guest's CPU: hardware virtualization, or the Tiny Code Generator (emulation). */
public enum Accelerator {
    KVM, TCG;

    /** The {@code -machine} and {@code -cpu} options for this accelerator (the same on both ends of a migration). */
    java.util.List<String> qemuOptions() {
        return this == KVM
                ? java.util.List.of("-machine", "pc,accel=kvm", "-cpu", "host")
                : java.util.List.of("-machine", "pc,accel=tcg", "-cpu", "max");
    }
}
