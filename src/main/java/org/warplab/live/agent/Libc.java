package org.warplab.live.agent;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;

/** The C library calls the agents make themselves, bound directly (JNA's direct mapping: no proxy on a switch's or a frame's path). */
final class Libc {

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native NativeLong send(int socket, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    static native NativeLong recv(int socket, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    static native int close(int socket);

    static native String strerror(int error);

    /** {@code pid} 0 is the calling thread (Linux schedules threads, not processes); {@code param} is {@code struct sched_param}. */
    static native int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
}
