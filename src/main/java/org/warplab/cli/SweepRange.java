package org.warplab.cli;

import java.util.ArrayList;
import java.util.List;

/** The values of a sweep, {@code FROM:TO:STEP}: from, from + step, ... up to to (included when a step lands on it). */
record SweepRange(double from, double to, double step) {
    /** More points than this is a typo, not a sweep. */
    static final int MAX_POINTS = 1000;

    static SweepRange parse(String text) throws UsageException {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new UsageException("the range '" + text + "' needs three numbers FROM:TO:STEP, e.g. 0:200:20");
        }
        double[] numbers = new double[3];
        String[] names = {"FROM", "TO", "STEP"};
        for (int i = 0; i < 3; i++) {
            try {
                numbers[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UsageException("the range '" + text + "': " + names[i] + " '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(numbers[i])) {
                throw new UsageException("the range '" + text + "': " + names[i] + " must be a finite number");
            }
        }
        SweepRange range = new SweepRange(numbers[0], numbers[1], numbers[2]);
        if (range.step <= 0) {
            throw new UsageException("the range '" + text + "': STEP must be greater than 0");
        }
        if (range.to < range.from) {
            throw new UsageException("the range '" + text + "': TO (" + parts[1] + ") is below FROM (" + parts[0] + "); write the smaller first");
        }
        if ((range.to - range.from) / range.step + 1 > MAX_POINTS) {
            throw new UsageException("the range '" + text + "' has more than " + MAX_POINTS + " points; take a larger STEP");
        }
        return range;
    }

    List<Double> values() {
        List<Double> values = new ArrayList<>();
        // from + i * step, not repeated addition, so 0.1 steps do not drift; a hair of tolerance keeps TO itself
        for (int i = 0; ; i++) {
            double value = from + i * step;
            if (value > to + step * 1e-9) {
                break;
            }
            values.add(Math.abs(value - to) <= step * 1e-9 ? to : value);
        }
        return values;
    }
}
