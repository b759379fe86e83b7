package org.warplab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distributions a testbed profile draws its overheads from: every draw is a duration (never
 * negative, inside a uniform's bounds, at least an exponential's floor), the draws average to the
 * mean the profile documents, and values that describe no duration are refused.
 */
class SpreadTest {

    @Provide
    Arbitrary<Spread> spreads() {
        Arbitrary<Long> ns = Arbitraries.longs().between(0, 3_600_000_000_000L);
        return Arbitraries.oneOf(
                ns.map(Spread.Fixed::new),
                Arbitraries.longs().between(0, 1_000_000_000_000L).flatMap(min -> ns.map(extra -> new Spread.Uniform(min, min + extra))),
                Arbitraries.longs().between(1, 1_000_000_000_000L).flatMap(median -> Arbitraries.doubles().between(0, 3).map(s -> new Spread.LogNormal(median, s))),
                ns.flatMap(min -> Arbitraries.longs().between(0, 1_000_000_000_000L).map(excess -> new Spread.ShiftedExponential(min, excess))));
    }

    /** Uniforms that include the ends of [0, 1): what a seeded generator may return. */
    @Provide
    Arbitrary<List<Double>> uniforms() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(0, 1).filter(u -> u < 1), Arbitraries.of(0.0, Math.nextDown(1.0), 0.5))
                .list().ofMinSize(2).ofMaxSize(8);
    }

    private static DoubleSupplier cycling(List<Double> values) {
        Iterator<Double>[] it = new Iterator[] {values.iterator()};
        return () -> {
            if (!it[0].hasNext()) {
                it[0] = values.iterator();
            }
            return it[0].next();
        };
    }

    @Property(tries = 500)
    void everyDrawIsADurationWithinTheDistributionsSupport(@ForAll("spreads") Spread spread, @ForAll("uniforms") List<Double> uniforms) {
        long draw = spread.sample(cycling(uniforms));
        assertTrue(draw >= 0, spread + " drew " + draw);
        if (spread instanceof Spread.Fixed fixed) {
            assertEquals(fixed.ns(), draw);
        } else if (spread instanceof Spread.Uniform u) {
            assertTrue(draw >= u.minNs() && draw <= u.maxNs(), u + " drew " + draw);
        } else if (spread instanceof Spread.ShiftedExponential e) {
            assertTrue(draw >= e.minNs(), e + " drew " + draw);
        }
        assertTrue(spread.meanNs() >= 0 && spread.sdNs() >= 0, spread + ": mean and σ are not negative");
        assertFalse(spread.describe().isBlank());
        assertEquals(draw, spread.sample(cycling(uniforms)), "the same uniforms, the same draw (runs replay from their seed)");
    }

    static Stream<Arguments> profiles() {
        return Stream.of(Testbed.values()).flatMap(t -> t.overheads().stream().map(v -> Arguments.of(t.key() + " " + v.overhead().key(), v.spread())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyProfilesDrawsAverageToTheDocumentedMeanAndSpread(String name, Spread spread) {
        Random random = new Random(20261203);
        int n = 40_000;
        double[] draws = new double[n];
        for (int i = 0; i < n; i++) {
            draws[i] = spread.sample(random::nextDouble);
        }
        double mean = java.util.Arrays.stream(draws).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(draws).map(d -> (d - mean) * (d - mean)).sum() / n);
        assertEquals(spread.meanNs(), mean, spread.meanNs() * 0.02 + 1, name + ": mean of " + n + " draws");
        assertEquals(spread.sdNs(), sd, spread.sdNs() * 0.05 + 1, name + ": σ of " + n + " draws");
    }

    @Test
    void aLogNormalsMedianIsItsMedian() {
        Spread.LogNormal spread = new Spread.LogNormal(30_000_000L, 0.43);
        Random random = new Random(7);
        List<Long> draws = new ArrayList<>();
        for (int i = 0; i < 20_001; i++) {
            draws.add(spread.sample(random::nextDouble));
        }
        draws.sort(null);
        assertEquals(30_000_000L, draws.get(10_000), 30_000_000L * 0.03, "the middle draw");
        assertTrue(spread.describe().contains("median 30.00 ms"), spread.describe());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a negative fixed duration", (Supplier<Spread>) () -> new Spread.Fixed(-1)),
                Arguments.of("a uniform from below zero", (Supplier<Spread>) () -> new Spread.Uniform(-1, 5)),
                Arguments.of("a uniform whose max is below its min", (Supplier<Spread>) () -> new Spread.Uniform(5, 4)),
                Arguments.of("a log-normal of median zero", (Supplier<Spread>) () -> new Spread.LogNormal(0, 0.5)),
                Arguments.of("a log-normal of negative σ", (Supplier<Spread>) () -> new Spread.LogNormal(10, -0.1)),
                Arguments.of("an exponential above a negative floor", (Supplier<Spread>) () -> new Spread.ShiftedExponential(-1, 10)),
                Arguments.of("an exponential of negative mean excess", (Supplier<Spread>) () -> new Spread.ShiftedExponential(1, -10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void valuesThatDescribeNoDurationAreRefused(String what, Supplier<Spread> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get, what);
        assertFalse(e.getMessage().isBlank());
    }

    @Property
    void aDescriptionWritesMillisecondsBelowASecondAndSecondsAbove(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long ns) {
        String text = new Spread.Fixed(ns).describe();
        assertEquals("fixed " + (ns >= 1_000_000_000L ? Units.seconds(ns, 2) : Units.ms(ns, 2)), text);
    }

    @Test
    void everyTestbedNamesEachOverheadAtMostOnceWithItsSource() {
        for (Testbed testbed : Testbed.values()) {
            for (Overhead overhead : Overhead.values()) {
                List<ProfileValue> values = testbed.overheads().stream().filter(v -> v.overhead() == overhead).toList();
                assertTrue(values.size() <= 1, testbed + " names " + overhead + " twice");
                assertEquals(values.stream().findFirst(), testbed.value(overhead), testbed + " " + overhead);
            }
            testbed.overheads().forEach(v -> assertFalse(v.source().text().isBlank(), testbed + " " + v.overhead() + " says where it comes from"));
            assertFalse(testbed.label().isBlank() || testbed.description().isBlank(), testbed.key());
        }
        assertTrue(Testbed.IDEAL.overheads().isEmpty(), "the ideal testbed adds nothing to the emulator's model");
    }
}
