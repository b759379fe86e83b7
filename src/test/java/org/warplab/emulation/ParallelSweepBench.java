package org.warplab.emulation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.warplab.cli.Cli;
import org.warplab.testing.Samples;

/**
 * The 21-point Mobile IPv6 delay sweep ({@code links.W2.delayMs=0:200:10}) through the real
 * command, once per {@code --jobs} value, after a warm-up: wall time, speed-up over one job, the
 * serial fraction that Amdahl's law gives for it, and whether every CSV equals the one-job CSV byte
 * for byte. Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.warplab.emulation.ParallelSweepBench [repeats] [sample-lab]}.
 */
public final class ParallelSweepBench {

    private ParallelSweepBench() {
    }

    public static void main(String[] args) throws IOException {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // the paper lab's sweep is 0.2 s on one thread (JIT and thread start dominate); a sample lab
        // whose runs take seconds shows what the cores give
        String sample = args.length > 1 ? args[1] : "mipv6-paper";
        String lab = Samples.file(sample).toString();
        Path dir = Files.createTempDirectory("warplab-sweep-bench");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%s, 21 points; cores %d, max heap %d MiB, load average before %.2f%n", sample, cores, Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        sweep(lab, dir.resolve("warm.csv"), 2); // JIT warm-up
        sweep(lab, dir.resolve("warm.csv"), 1);
        byte[] reference = null;
        double serialMs = 0;
        List<String> rows = new ArrayList<>();
        for (int jobs : new int[] {1, 2, 3, 4}) {
            double[] walls = new double[repeats];
            boolean same = true;
            for (int r = 0; r < repeats; r++) {
                Path csv = dir.resolve("jobs" + jobs + ".csv");
                walls[r] = sweep(lab, csv, jobs);
                byte[] bytes = Files.readAllBytes(csv);
                if (reference == null) {
                    reference = bytes;
                }
                same &= Arrays.equals(reference, bytes);
            }
            double median = median(walls);
            if (jobs == 1) {
                serialMs = median;
            }
            double speedUp = serialMs / median;
            // Amdahl: S = 1 / (s + (1 - s) / p) with p = min(jobs, cores) gives the serial fraction s
            int p = Math.min(jobs, cores);
            String serialFraction = p > 1 ? String.format(Locale.ROOT, "%.3f", (p / speedUp - 1) / (p - 1)) : "—";
            rows.add(String.format(Locale.ROOT, "| %4d | %9.0f | %7.2f× | %10s | %-8s |", jobs, median, speedUp, serialFraction, same ? "yes" : "NO"));
        }
        System.out.println("| jobs | wall (ms) | speed-up | serial fr. | same CSV |");
        System.out.println("|-----:|----------:|---------:|-----------:|:---------|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "median of %d runs each; load average after %.2f%n", repeats, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double sweep(String lab, Path csv, int jobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = new Cli().run(new String[] {"sweep", lab, "--set", "links.W2.delayMs=0:200:10", "--jobs", String.valueOf(jobs), "-o", csv.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("sweep failed: " + out.toString(StandardCharsets.UTF_8));
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
