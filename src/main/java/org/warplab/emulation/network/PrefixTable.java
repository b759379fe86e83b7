package org.warplab.emulation.network;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The prefixes the WAN routes, with longest-prefix match: one hash table per prefix length in use,
 * looked up from the longest length down. All routers know the same prefixes (a converged link
 * state); each holds its own next hop per prefix index.
 */
public final class PrefixTable {
    private final List<Ipv4.Prefix> prefixes = new ArrayList<>();
    private final IntIntMap[] byLength = new IntIntMap[33];
    private int[] lengthsLongestFirst = new int[0];

    /** Adds {@code prefix} if new; returns its index. */
    int add(Ipv4.Prefix prefix) {
        int existing = indexOf(prefix);
        if (existing >= 0) {
            return existing;
        }
        if (byLength[prefix.length()] == null) {
            byLength[prefix.length()] = new IntIntMap();
            TreeSet<Integer> lengths = new TreeSet<>();
            for (int i = 0; i <= 32; i++) {
                if (byLength[i] != null) {
                    lengths.add(i);
                }
            }
            lengthsLongestFirst = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        }
        byLength[prefix.length()].put(prefix.network(), prefixes.size());
        prefixes.add(prefix);
        return prefixes.size() - 1;
    }

    int indexOf(Ipv4.Prefix prefix) {
        IntIntMap map = byLength[prefix.length()];
        if (map == null) {
            return -1;
        }
        int index = map.get(prefix.network());
        return index == IntIntMap.MISSING ? -1 : index;
    }

    /** The index of the longest prefix containing {@code address}, or -1. */
    public int lookup(int address) {
        int[] lengths = lengthsLongestFirst;
        for (int length : lengths) {
            int index = byLength[length].get(address & Ipv4.mask(length));
            if (index != IntIntMap.MISSING) {
                return index;
            }
        }
        return -1;
    }

    Ipv4.Prefix prefix(int index) {
        return prefixes.get(index);
    }

    int size() {
        return prefixes.size();
    }
}
