package org.warplab.model;

import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * A duration drawn at random each time it is needed: how long a testbed's hypervisor, capture tool
 * or daemon takes is not a constant, and its spread is part of what a paper measured. Sampling
 * takes a uniform source in [0, 1), so the emulator's seeded generator decides every draw.
 */
public sealed interface Spread {

    double meanNs();

    double sdNs();

    /** One draw, in whole nanoseconds, never negative. */
    long sample(DoubleSupplier uniform);

    /** "lognormal, median 785 ms, σ(ln) 0.43" — for docs and the CLI. */
    String describe();

    /** Always the same value. */
    record Fixed(long ns) implements Spread {
        public Fixed {
            if (ns < 0) {
                throw new IllegalArgumentException("a duration is not negative");
            }
        }

        @Override
        public double meanNs() {
            return ns;
        }

        @Override
        public double sdNs() {
            return 0;
        }

        @Override
        public long sample(DoubleSupplier uniform) {
            return ns;
        }

        @Override
        public String describe() {
            return "fixed " + ms(ns);
        }
    }

    /** Uniform between two bounds (inclusive of the lower). */
    record Uniform(long minNs, long maxNs) implements Spread {
        public Uniform {
            if (minNs < 0 || maxNs < minNs) {
                throw new IllegalArgumentException("0 ≤ min ≤ max");
            }
        }

        @Override
        public double meanNs() {
            return (minNs + maxNs) / 2.0;
        }

        @Override
        public double sdNs() {
            return (maxNs - minNs) / Math.sqrt(12);
        }

        @Override
        public long sample(DoubleSupplier uniform) {
            return minNs + (long) Math.floor(uniform.getAsDouble() * (maxNs - minNs));
        }

        @Override
        public String describe() {
            return "uniform " + ms(minNs) + " to " + ms(maxNs);
        }
    }

    /** Log-normal: a positive duration whose spread grows with its size (median, σ of the logarithm). */
    record LogNormal(long medianNs, double sigma) implements Spread {
        public LogNormal {
            if (medianNs <= 0 || sigma < 0) {
                throw new IllegalArgumentException("median > 0, σ ≥ 0");
            }
        }

        @Override
        public double meanNs() {
            return medianNs * Math.exp(sigma * sigma / 2);
        }

        @Override
        public double sdNs() {
            return meanNs() * Math.sqrt(Math.exp(sigma * sigma) - 1);
        }

        @Override
        public long sample(DoubleSupplier uniform) {
            return Math.round(medianNs * Math.exp(sigma * standardNormal(uniform)));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "log-normal, median %s, σ of ln %.2f (mean %s, σ %s)", ms(medianNs), sigma,
                    ms(Math.round(meanNs())), ms(Math.round(sdNs())));
        }
    }

    /** A floor plus an exponential wait: a user-space program woken at an unsynchronised moment. */
    record ShiftedExponential(long minNs, long meanExcessNs) implements Spread {
        public ShiftedExponential {
            if (minNs < 0 || meanExcessNs < 0) {
                throw new IllegalArgumentException("min ≥ 0, mean excess ≥ 0");
            }
        }

        @Override
        public double meanNs() {
            return minNs + meanExcessNs;
        }

        @Override
        public double sdNs() {
            return meanExcessNs;
        }

        @Override
        public long sample(DoubleSupplier uniform) {
            return minNs + Math.round(-meanExcessNs * Math.log(1 - uniform.getAsDouble()));
        }

        @Override
        public String describe() {
            return "exponential above " + ms(minNs) + ", mean excess " + ms(meanExcessNs);
        }
    }

    /** Box-Muller from two uniforms (the second keeps the draw count fixed per sample, so runs stay reproducible). */
    private static double standardNormal(DoubleSupplier uniform) {
        double u1 = uniform.getAsDouble();
        double u2 = uniform.getAsDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static String ms(long ns) {
        return Units.msOrSeconds(ns, 2);
    }
}
