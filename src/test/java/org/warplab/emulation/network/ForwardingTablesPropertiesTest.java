package org.warplab.emulation.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.warplab.model.IpPrefix;
import org.warplab.model.Ipv4Address;
import org.warplab.model.Ipv6Address;

/**
 * The tables a router forwards by, checked against the slow obvious answer: the open-addressing map
 * against a HashMap, the longest-prefix match against a scan of every prefix, the IPv4/IPv6 prefix
 * arithmetic against bit-by-bit comparison, and the shortest paths against Floyd-Warshall.
 */
class ForwardingTablesPropertiesTest {

    @Property(tries = 200)
    void theIntMapAnswersAsAHashMapDoes(@ForAll @Size(max = 300) List<@IntRange(min = -40, max = 40) Integer> keys,
                                        @ForAll @IntRange(min = 1, max = 64) int expected) {
        IntIntMap map = new IntIntMap(expected);
        Map<Integer, Integer> model = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            // spread the keys over the whole int range too, so the mixing and the wrap-around probe both run
            int key = keys.get(i) * 0x0101_0101;
            map.put(key, i);
            model.put(key, i);
        }
        assertEquals(model.size(), map.size(), "one entry per distinct key");
        for (int probe = -41; probe <= 41; probe++) {
            int key = probe * 0x0101_0101;
            assertEquals(model.getOrDefault(key, IntIntMap.MISSING), map.get(key), "key " + key);
        }
    }

    @Provide
    Arbitrary<Ipv4.Prefix> v4Prefixes() {
        // a few networks, so that prefixes nest and the match must pick the longest
        Arbitrary<Integer> networks = Arbitraries.of(0x0a00_0000, 0x0a01_0000, 0x0a01_0200, 0xac10_0a00, 0xc0a8_0000, 0);
        return Combinators.combine(networks, Arbitraries.integers().between(0, 32), Arbitraries.integers())
                .as((network, length, noise) -> new Ipv4.Prefix((network | (noise & 0xff)) & Ipv4.mask(length), length));
    }

    @Provide
    Arbitrary<List<Ipv4.Prefix>> v4PrefixLists() {
        return v4Prefixes().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> v4Addresses() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0x0a00_0000, 0x0a01_0000, 0x0a01_0200, 0xac10_0a00, 0xc0a8_0000)
                .flatMap(base -> Arbitraries.integers().between(0, 0x1ff).map(host -> base | host)));
    }

    @Property(tries = 300)
    void theLongestPrefixMatchIsTheLongestContainingPrefix(@ForAll("v4PrefixLists") List<Ipv4.Prefix> prefixes,
                                                          @ForAll("v4Addresses") int address) {
        PrefixTable table = new PrefixTable();
        List<Ipv4.Prefix> distinct = new ArrayList<>();
        for (Ipv4.Prefix prefix : prefixes) {
            int index = table.add(prefix);
            if (!distinct.contains(prefix)) {
                distinct.add(prefix);
            }
            assertEquals(distinct.indexOf(prefix), index, "adding " + prefix + " again gives its first index");
        }
        assertEquals(distinct.size(), table.size());
        Ipv4.Prefix best = null;
        for (Ipv4.Prefix prefix : distinct) {
            if (containsBitByBit(prefix.network(), prefix.length(), address) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        int found = table.lookup(address);
        assertEquals(best, found < 0 ? null : table.prefix(found), "lookup of " + Ipv4.text(address) + " in " + distinct);
    }

    private static boolean containsBitByBit(int network, int length, int address) {
        for (int bit = 31; bit > 31 - length; bit--) {
            if (((network >>> bit) & 1) != ((address >>> bit) & 1)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 300)
    void ipv4TranslationKeepsTheHostBitsAndTheTextIsTheModelsText(@ForAll int address, @ForAll int toNetwork,
                                                                 @ForAll @IntRange(min = 0, max = 32) int length) {
        int network = toNetwork & Ipv4.mask(length);
        int translated = Ipv4.translate(address, network, length);
        assertTrue(Ipv4.contains(network, length, translated), "the translation lands in the target prefix");
        assertEquals(address & ~Ipv4.mask(length), translated & ~Ipv4.mask(length), "host bits kept");
        assertEquals(Ipv4.mask(length), length == 0 ? 0 : (int) (0xffff_ffffL << (32 - length)), "mask of /" + length);
        assertEquals(new Ipv4Address(address).toString(), Ipv4.text(address));
        assertEquals(address, Ipv4.of(new Ipv4Address(address)));
    }

    @Property(tries = 300)
    void ipv6PrefixesContainExactlyTheAddressesSharingTheirLeadingBits(@ForAll long networkHigh, @ForAll long networkLow,
                                                                      @ForAll @IntRange(min = 0, max = 128) int length,
                                                                      @ForAll @IntRange(min = 0, max = 128) int sharedBits, @ForAll long noise) {
        Ipv6Address network = new Ipv6Address(networkHigh, networkLow);
        BigInteger bits = unsigned(network);
        // an address sharing exactly sharedBits leading bits with the network (all 128 when sharedBits is 128)
        BigInteger address = bits;
        if (sharedBits < 128) {
            BigInteger below = BigInteger.ONE.shiftLeft(127 - sharedBits).subtract(BigInteger.ONE);
            address = bits.flipBit(127 - sharedBits).andNot(below).or(BigInteger.valueOf(noise).and(below));
        }
        Ipv6Address other = new Ipv6Address(address.shiftRight(64).longValue(), address.longValue());
        Ipv6.Prefix prefix = new Ipv6.Prefix(network, length);
        assertEquals(sharedBits >= length, prefix.contains(other), prefix + " contains " + other + " (" + sharedBits + " bits shared)");
        Ipv6.Prefix masked = prefix.masked();
        assertEquals(bits.shiftRight(128 - length).shiftLeft(128 - length), unsigned(masked.network()), "masked " + prefix);
        assertTrue(masked.contains(network), "a prefix contains its own network");
        assertEquals(prefix.contains(other), masked.contains(other), "masking does not change what a prefix contains");
    }

    private static BigInteger unsigned(Ipv6Address address) {
        return new BigInteger(Long.toUnsignedString(address.high())).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(address.low())));
    }

    @Property(tries = 100)
    void slaacAddressesLieInTheirPrefixAndNeighbourGroupsAreMulticast(@ForAll long high, @ForAll long mac) {
        long mac48 = mac & 0xffff_ffff_ffffL;
        // a global unicast /64 (2000::/3), as the labs' home and foreign networks are
        Ipv6.Prefix prefix = new Ipv6.Prefix(new Ipv6Address(0x2000_0000_0000_0000L | (high & 0x1fff_ffff_ffff_ffffL), 0), 64);
        Ipv6Address address = Ipv6.slaac(prefix, mac48);
        assertTrue(prefix.contains(address), address + " in " + prefix);
        assertEquals(IpPrefix.parse("fe80::/64").network(), new Ipv6.Prefix(Ipv6.linkLocal(mac48), 64).masked().network());
        Ipv6Address group = Ipv6.solicitedNode(address);
        assertTrue(Ipv6.isMulticast(group) && !Ipv6.isMulticast(address));
        assertEquals(address.low() & 0xff_ffffL, group.low() & 0xff_ffffL, "the group keeps the address's low 24 bits");
        assertEquals(0x3333L, Ipv6.multicastMac(group) >>> 32, "33:33 and the group's low 32 bits");
    }

    /** A random router graph: n routers, each edge (a, b, cost) a link in both directions, ports numbered per router. */
    record Graph(int routers, List<int[]> links) {
        List<List<ShortestPaths.Edge>> adjacency() {
            List<List<ShortestPaths.Edge>> adjacency = new ArrayList<>();
            for (int i = 0; i < routers; i++) {
                adjacency.add(new ArrayList<>());
            }
            for (int[] link : links) {
                adjacency.get(link[0]).add(new ShortestPaths.Edge(link[1], link[2], adjacency.get(link[0]).size()));
                adjacency.get(link[1]).add(new ShortestPaths.Edge(link[0], link[2], adjacency.get(link[1]).size()));
            }
            return adjacency;
        }
    }

    @Provide
    Arbitrary<Graph> graphs() {
        return Arbitraries.integers().between(1, 9).flatMap(n -> {
            Arbitrary<int[]> link = Combinators.combine(Arbitraries.integers().between(0, n - 1), Arbitraries.integers().between(0, n - 1),
                    Arbitraries.integers().between(0, 20)).as((a, b, cost) -> new int[] {a, b, cost}).filter(l -> l[0] != l[1]);
            return link.list().ofMaxSize(n == 1 ? 0 : 16).map(links -> new Graph(n, links));
        });
    }

    @Property(tries = 200)
    void followingTheFirstPortsTakesAShortestPathAndNeverLoops(@ForAll("graphs") Graph graph) {
        List<List<ShortestPaths.Edge>> adjacency = graph.adjacency();
        ShortestPaths paths = ShortestPaths.compute(adjacency);
        long[][] distance = floydWarshall(graph);
        for (int from = 0; from < graph.routers(); from++) {
            for (int to = 0; to < graph.routers(); to++) {
                boolean reachable = distance[from][to] < Long.MAX_VALUE;
                if (from == to) {
                    assertEquals(-1, paths.firstPort(from, to));
                    assertEquals(0, paths.hops(from, to));
                    continue;
                }
                assertEquals(reachable, paths.hops(from, to) > 0, from + "→" + to + " reachable");
                if (!reachable) {
                    assertEquals(-1, paths.firstPort(from, to));
                    continue;
                }
                // walk router by router, each choosing its own first port: the cost must be the shortest
                long cost = 0;
                int at = from;
                int steps = 0;
                while (at != to) {
                    ShortestPaths.Edge edge = adjacency.get(at).get(paths.firstPort(at, to));
                    cost += Math.max(1, edge.cost());
                    at = edge.to();
                    assertTrue(++steps <= graph.routers(), "a forwarding loop from " + from + " to " + to);
                }
                assertEquals(distance[from][to], cost, "cost of the forwarded path " + from + "→" + to);
            }
        }
    }

    private static long[][] floydWarshall(Graph graph) {
        int n = graph.routers();
        long[][] d = new long[n][n];
        for (long[] row : d) {
            Arrays.fill(row, Long.MAX_VALUE);
        }
        for (int i = 0; i < n; i++) {
            d[i][i] = 0;
        }
        for (int[] link : graph.links()) {
            long cost = Math.max(1, link[2]);
            d[link[0]][link[1]] = Math.min(d[link[0]][link[1]], cost);
            d[link[1]][link[0]] = Math.min(d[link[1]][link[0]], cost);
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (d[i][k] < Long.MAX_VALUE && d[k][j] < Long.MAX_VALUE && d[i][k] + d[k][j] < d[i][j]) {
                        d[i][j] = d[i][k] + d[k][j];
                    }
                }
            }
        }
        return d;
    }

    @Property(tries = 100)
    void theSeededStreamStaysInItsBoundsAndRepeatsForASeed(@ForAll long seed, @ForAll @IntRange(min = -3, max = 1000) int bound) {
        SeededRandom a = new SeededRandom(seed);
        SeededRandom b = new SeededRandom(seed);
        for (int i = 0; i < 50; i++) {
            long draw = a.nextLongInclusive(bound);
            assertEquals(draw, b.nextLongInclusive(bound));
            assertTrue(draw >= 0 && draw <= Math.max(0, bound), "draw " + draw + " within [0, " + bound + "]");
            double unit = a.nextDouble();
            assertEquals(unit, b.nextDouble());
            assertTrue(unit >= 0 && unit < 1);
        }
    }
}
