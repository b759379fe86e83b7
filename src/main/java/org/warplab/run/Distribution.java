package org.warplab.run;

import java.util.List;

/** Median, 95th percentile and maximum of a set of measurements (nearest-rank percentiles). */
public record Distribution(int count, long medianNs, long p95Ns, long maxNs) {

    public static Distribution of(List<Long> values) {
        if (values.isEmpty()) {
            return new Distribution(0, -1, -1, -1);
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new Distribution(sorted.size(), rank(sorted, 50), rank(sorted, 95), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
