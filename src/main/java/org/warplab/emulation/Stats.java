package org.warplab.emulation;

import java.util.Arrays;

/** Mean, sample standard deviation and a least-squares line, for reproduction tables. */
final class Stats {

    /** y = intercept + slope · x, and how much of y's variance the line explains. */
    record Line(double slope, double intercept, double rSquared) { }

    private Stats() {
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1), as papers report σ over repeated runs. */
    static double sd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }

    static Line fit(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double rSquared = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new Line(slope, my - slope * mx, rSquared);
    }
}
