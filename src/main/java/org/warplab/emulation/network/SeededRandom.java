package org.warplab.emulation.network;

/**
 * SplitMix64: a small, fast generator whose output depends only on the seed, the same on every
 * JVM, so a run with the same seed is reproducible bit for bit.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound] (inclusive), bound ≥ 0. */
    public long nextLongInclusive(long bound) {
        if (bound <= 0) {
            return 0;
        }
        return Long.remainderUnsigned(nextLong(), bound + 1);
    }
}
