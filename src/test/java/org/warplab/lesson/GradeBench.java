package org.warplab.lesson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.warplab.cli.Cli;
import org.warplab.testing.Samples;

/**
 * {@code warplab grade} over a class of 200 labs (half the network-paging lesson's solution, half
 * its starting lab), through the real command, once on one thread and once on every core, after a
 * warm-up: wall time, speed-up, and whether both sheets are the same byte for byte. Run with the
 * test classpath: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.warplab.lesson.GradeBench [labs]}.
 */
public final class GradeBench {

    private GradeBench() {
    }

    public static void main(String[] args) throws Exception {
        int labs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path lesson = Samples.projectDir().resolve("lessons/network-paging");
        Path dir = Files.createTempDirectory("warplab-grade-bench");
        Path klass = Files.createDirectories(dir.resolve("class"));
        for (int i = 0; i < labs; i++) {
            Files.copy(lesson.resolve(i % 2 == 0 ? "solution.warplab.json" : "start.warplab.json"),
                    klass.resolve(String.format(Locale.ROOT, "student%03d.warplab.json", i)));
        }
        String exercise = lesson.resolve("network-paging.exercise.json").toString();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%d labs, %d cores, max heap %d MiB, load average before %.2f%n", labs, cores,
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        grade(klass, exercise, dir.resolve("warm.csv"), cores); // JIT warm-up
        double serial = grade(klass, exercise, dir.resolve("one.csv"), 1);
        double parallel = grade(klass, exercise, dir.resolve("all.csv"), cores);
        boolean same = Arrays.equals(Files.readAllBytes(dir.resolve("one.csv")), Files.readAllBytes(dir.resolve("all.csv")));
        System.out.println("| threads | wall (s) | labs/s | speed-up | same CSV |");
        System.out.println("|--------:|---------:|-------:|---------:|:---------|");
        System.out.printf(Locale.ROOT, "| %7d | %8.1f | %6.1f | %7.2f× | %-8s |%n", 1, serial, labs / serial, 1.0, "—");
        System.out.printf(Locale.ROOT, "| %7d | %8.1f | %6.1f | %7.2f× | %-8s |%n", cores, parallel, labs / parallel, serial / parallel, same ? "yes" : "NO");
        System.out.printf(Locale.ROOT, "load average after %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double grade(Path klass, String exercise, Path csv, int jobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        int code = new Cli().run(new String[] {"grade", klass.toString(), "--exercise", exercise, "-o", csv.toString(), "--jobs",
            Integer.toString(jobs)}, sink, sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (code != 0) {
            throw new IllegalStateException("grade failed: " + out.toString(StandardCharsets.UTF_8));
        }
        return seconds;
    }
}
