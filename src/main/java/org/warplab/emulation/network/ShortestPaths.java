package org.warplab.emulation.network;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Dijkstra over the router graph (WAN links weighted by {@code Link.cost}): for every pair of
 * routers, the local port of the first hop and the hop count. Ties go to the path found first,
 * in the order links appear in the lab, so routes are deterministic.
 */
public final class ShortestPaths {
    /** One WAN adjacency: the neighbour, the link cost, and the local port it leaves by. */
    record Edge(int to, int cost, int port) { }

    private final int[][] firstPort;
    private final int[][] hops;

    private ShortestPaths(int[][] firstPort, int[][] hops) {
        this.firstPort = firstPort;
        this.hops = hops;
    }

    static ShortestPaths compute(List<List<Edge>> adjacency) {
        int n = adjacency.size();
        int[][] firstPort = new int[n][];
        int[][] hops = new int[n][];
        long[] distance = new long[n];
        for (int source = 0; source < n; source++) {
            Arrays.fill(distance, Long.MAX_VALUE);
            int[] first = new int[n];
            int[] hopCount = new int[n];
            Arrays.fill(first, -1);
            Arrays.fill(hopCount, -1);
            distance[source] = 0;
            hopCount[source] = 0;
            // Entries are (distance << 20 | node); 2^20 routers is far beyond any lab.
            PriorityQueue<Long> queue = new PriorityQueue<>();
            queue.add((long) source);
            while (!queue.isEmpty()) {
                long entry = queue.poll();
                int node = (int) (entry & 0xFFFFF);
                long dist = entry >>> 20;
                if (dist > distance[node]) {
                    continue;
                }
                for (Edge edge : adjacency.get(node)) {
                    long candidate = dist + Math.max(1, edge.cost());
                    if (candidate < distance[edge.to()]) {
                        distance[edge.to()] = candidate;
                        first[edge.to()] = node == source ? edge.port() : first[node];
                        hopCount[edge.to()] = hopCount[node] + 1;
                        queue.add((candidate << 20) | edge.to());
                    }
                }
            }
            firstPort[source] = first;
            hops[source] = hopCount;
        }
        return new ShortestPaths(firstPort, hops);
    }

    /** The port {@code from} sends by towards {@code to}; -1 if unreachable or the same router. */
    public int firstPort(int from, int to) {
        return firstPort[from][to];
    }

    /** Router hops from {@code from} to {@code to}; -1 if unreachable. */
    public int hops(int from, int to) {
        return hops[from][to];
    }
}
