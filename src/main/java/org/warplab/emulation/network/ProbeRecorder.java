package org.warplab.emulation.network;

import java.util.Arrays;
import java.util.List;

/** What each probe flow sent and got back: send time and echo time per sequence number, and the path when traced. */
public final class ProbeRecorder {
    final int flows;
    private final long[][] sentNs;
    private final long[][] echoedNs;
    private final String[][] paths;
    private final int[] count;
    private final List<?>[] lastPath;
    private final String[] lastPathText;

    ProbeRecorder(int flows) {
        this.flows = flows;
        sentNs = new long[flows][];
        echoedNs = new long[flows][];
        paths = new String[flows][];
        count = new int[flows];
        lastPath = new List<?>[flows];
        lastPathText = new String[flows];
        for (int i = 0; i < flows; i++) {
            sentNs[i] = new long[16];
            echoedNs[i] = new long[16];
            paths[i] = new String[16];
        }
    }

    /** Records a probe sent; returns its sequence number. */
    long sent(int flow, long timeNs) {
        int n = count[flow];
        if (n == sentNs[flow].length) {
            sentNs[flow] = Arrays.copyOf(sentNs[flow], n * 2);
            echoedNs[flow] = Arrays.copyOf(echoedNs[flow], n * 2);
            paths[flow] = Arrays.copyOf(paths[flow], n * 2);
        }
        sentNs[flow][n] = timeNs;
        echoedNs[flow][n] = -1;
        count[flow] = n + 1;
        return n;
    }

    public void echoed(int flow, long sequence, long timeNs, List<String> path) {
        int seq = (int) sequence;
        if (seq < count[flow] && echoedNs[flow][seq] < 0) {
            echoedNs[flow][seq] = timeNs;
            if (path != null) {
                // paths rarely change: one text per distinct path, joined only when the path differs from the last one
                if (!path.equals(lastPath[flow])) {
                    lastPath[flow] = List.copyOf(path);
                    lastPathText[flow] = String.join(" → ", path);
                }
                paths[flow][seq] = lastPathText[flow];
            }
        }
    }

    /** Probes whose echo came back, over every flow. */
    public long echoed() {
        long n = 0;
        for (int f = 0; f < flows; f++) {
            for (int seq = 0; seq < count[f]; seq++) {
                if (echoedNs[f][seq] >= 0) {
                    n++;
                }
            }
        }
        return n;
    }

    public int count(int flow) {
        return count[flow];
    }

    public long sentNs(int flow, int seq) {
        return sentNs[flow][seq];
    }

    public long echoedNs(int flow, int seq) {
        return echoedNs[flow][seq];
    }

    public String path(int flow, int seq) {
        return paths[flow][seq];
    }
}
