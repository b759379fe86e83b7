package org.warplab.ui.configs;

import java.util.ArrayList;
import java.util.List;

/** Line-by-line difference of two texts (longest common subsequence), for the Configs tab's before/after view. */
final class LineDiff {

    enum Change { SAME, ADDED, REMOVED }

    record Line(Change change, String text) { }

    /** Above this many line pairs the table would be too large: the texts are shown as all removed, then all added. */
    private static final long MAX_CELLS = 16_000_000L;

    private LineDiff() {
    }

    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static List<Line> diff(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Line> out = new ArrayList<>();
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            out.add(new Line(Change.SAME, a.get(start)));
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        List<Line> tail = new ArrayList<>();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            tail.add(0, new Line(Change.SAME, a.get(endA - 1)));
            endA--;
            endB--;
        }
        int n = endA - start;
        int m = endB - start;
        if ((long) n * m > MAX_CELLS) {
            for (int i = start; i < endA; i++) {
                out.add(new Line(Change.REMOVED, a.get(i)));
            }
            for (int j = start; j < endB; j++) {
                out.add(new Line(Change.ADDED, b.get(j)));
            }
        } else {
            int[][] common = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    common[i][j] = a.get(start + i).equals(b.get(start + j)) ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(start + i).equals(b.get(start + j))) {
                    out.add(new Line(Change.SAME, a.get(start + i)));
                    i++;
                    j++;
                } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                    // on a tie the removed line comes first: a changed line reads "- old" then "+ new", as in git
                    out.add(new Line(Change.REMOVED, a.get(start + i)));
                    i++;
                } else {
                    out.add(new Line(Change.ADDED, b.get(start + j)));
                    j++;
                }
            }
        }
        out.addAll(tail);
        return out;
    }
}
