package org.warplab.app;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launch → first painted designer frame, as a user sees it: {@code java -jar warplab.jar LAB} with a
 * fresh, empty home folder each time (no preferences, no font or JavaFX caches; as {@code HOME} and
 * as {@code user.home}, which JDK 17 otherwise reads from the password database), timed from the
 * moment the process is started until the screen shows the designer. "Shows" is read off the X
 * server's own pixels (java.awt.Robot, every 25 ms, the middle of the screen): an empty screen or a window not yet drawn is a
 * handful of colours, a drawn designer (icons, anti-aliased text, the lab) hundreds. So this is the
 * painted frame, not the window's creation. Prints each run, the median of five, the date and the
 * load average, and whether the JVM printed JavaFX's "Unsupported JavaFX configuration" warning.
 * Beside the wall clock it prints the CPU time the launched JVM had used when the frame was seen
 * (all its threads: the JIT compilers and GC too, from /proc): on a shared machine the wall clock
 * follows the neighbours, the CPU time much less, so a change to the start-up is judged by both.
 * Of that CPU time it names the JavaFX thread's (the critical path: it builds, styles and lays out
 * the window) and the JIT compilers' (beside it, on the other core).
 *
 * <p>{@code -Dbench.command=/opt/warplab/bin/warplab} launches that program instead of {@code java -jar}
 * (the installed app's launcher, which carries its own JVM options and class-data archive); the
 * fresh home and {@code -Dbench.jvmOptions} then reach its JVM through {@code JAVA_TOOL_OPTIONS}.
 *
 * <pre>
 * mvn -o -q package -DskipTests
 * Xvfb :13 -screen 0 1600x1000x24 &amp;
 * DISPLAY=:13 java -cp target/test-classes:target/classes org.warplab.app.StartupBench [target/warplab.jar [LAB]]
 * DISPLAY=:13 java -Dbench.command=/opt/warplab/bin/warplab -cp target/test-classes:target/classes org.warplab.app.StartupBench - /opt/warplab/lib/app/sample-labs/paging-paper.warplab.json
 * </pre>
 */
public final class StartupBench {

    private static final int RUNS = 5;
    /** Distinct colours (on a 4-pixel grid of the screen's middle) beyond the empty screen's that mean "the designer is drawn". */
    private static final int PAINTED_COLOURS = 60;
    /** Between two looks at the screen; a look costs a few ms of one core, so the bench barely slows what it measures. */
    private static final long POLL_MS = 25;
    private static final long TIMEOUT_NS = 60_000_000_000L;
    /** JVM options for the launched designer ({@code -Dbench.jvmOptions="-Xshare:auto ..."}), as a launcher would pass them. */
    private static final List<String> JVM_OPTIONS = Arrays.stream(System.getProperty("bench.jvmOptions", "").trim().split("\\s+"))
            .filter(option -> !option.isEmpty()).toList();
    /** A launcher to start instead of {@code java -jar} ({@code -Dbench.command=/opt/warplab/bin/warplab}); empty for {@code java -jar}. */
    private static final String COMMAND = System.getProperty("bench.command", "").trim();

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/warplab.jar").toAbsolutePath();
        Path lab = Path.of(args.length > 1 ? args[1] : "sample-labs/paging-paper.warplab.json").toAbsolutePath();
        if (!COMMAND.isEmpty() && !Files.isExecutable(Path.of(COMMAND))) {
            System.err.println("StartupBench: -Dbench.command=" + COMMAND + " is not an executable file; install the package (docs/installers.md) or name its launcher");
            System.exit(2);
        }
        if (COMMAND.isEmpty() && !Files.isRegularFile(jar)) {
            System.err.println("StartupBench: no " + jar + "; build it with mvn -o -q package -DskipTests");
            System.exit(2);
        }
        Robot robot = new Robot();
        java.awt.Dimension size = Toolkit.getDefaultToolkit().getScreenSize();
        // the middle of the screen, where the designer's canvas and the lab are drawn
        Rectangle screen = new Rectangle(size.width / 2 - 400, size.height / 2 - 300, 800, 600);
        int empty = colours(robot, screen);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String options = JVM_OPTIONS.stream().map(o -> o + " ").collect(Collectors.joining());
        System.out.printf(Locale.ROOT, "launch → first painted designer frame: %s %s%n", COMMAND.isEmpty()
                ? "java " + options + "-jar " + jar.getFileName() : COMMAND + (options.isEmpty() ? "" : " (JAVA_TOOL_OPTIONS " + options.trim() + ")"),
                lab.getFileName());
        System.out.printf(Locale.ROOT, "%s, load average %s, %d cores, screen %dx%d (%d colours when empty)%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), loadAverage(),
                Runtime.getRuntime().availableProcessors(), size.width, size.height, empty);
        List<Double> seconds = new ArrayList<>();
        List<Double> cpuSeconds = new ArrayList<>();
        List<Double> fxCpuSeconds = new ArrayList<>();
        List<Double> jitCpuSeconds = new ArrayList<>();
        boolean warned = false;
        for (int run = 1; run <= RUNS; run++) {
            Path home = Files.createTempDirectory("warplab-startup-home-");
            Path log = home.resolve("stderr.txt");
            // JDK 17 takes user.home from the password database, not from HOME: the fresh folder is named both ways
            List<String> command = new ArrayList<>();
            if (COMMAND.isEmpty()) {
                command.addAll(List.of(java, "-Duser.home=" + home));
                command.addAll(JVM_OPTIONS);
                command.addAll(List.of("-jar", jar.toString(), lab.toString()));
            } else {
                command.addAll(List.of(COMMAND, lab.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("HOME", home.toString());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            if (!COMMAND.isEmpty()) {
                // a launcher takes no JVM options on its command line; the JVM reads these itself
                builder.environment().put("JAVA_TOOL_OPTIONS", ("-Duser.home=" + home + " " + String.join(" ", JVM_OPTIONS)).trim());
            }
            long start = System.nanoTime();
            Process process = builder.start();
            double painted = Double.NaN;
            double cpu = Double.NaN;
            double fxCpu = Double.NaN;
            double jitCpu = Double.NaN;
            while (System.nanoTime() - start < TIMEOUT_NS && process.isAlive()) {
                long before = System.nanoTime();
                if (colours(robot, screen) - empty >= PAINTED_COLOURS) {
                    // the frame was on screen when this capture began
                    painted = (before - start) / 1e9;
                    cpu = cpuSeconds(process.pid());
                    fxCpu = threadCpuSeconds(process.pid(), "JavaFX Applicat");
                    jitCpu = threadCpuSeconds(process.pid(), "C1 Compiler") + threadCpuSeconds(process.pid(), "C2 Compiler");
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            process.destroy();
            process.waitFor();
            String output = Files.readString(log);
            boolean warning = output.contains("Unsupported JavaFX configuration");
            warned |= warning;
            System.out.printf(Locale.ROOT, "run %d: %s%s%s%n", run, Double.isNaN(painted) ? "not painted within 60 s" : String.format(Locale.ROOT, "%.2f s", painted),
                    Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, "  (CPU %.2f s: JavaFX thread %.2f s, JIT compilers %.2f s)", cpu, fxCpu, jitCpu),
                    warning ? "  (printed the Unsupported JavaFX configuration warning)" : "");
            if (!Double.isNaN(painted)) {
                seconds.add(painted);
            }
            if (!Double.isNaN(cpu)) {
                cpuSeconds.add(cpu);
                fxCpuSeconds.add(fxCpu);
                jitCpuSeconds.add(jitCpu);
            }
            waitForEmptyScreen(robot, screen, empty);
            deleteTree(home);
        }
        seconds.sort(null);
        System.out.printf(Locale.ROOT, "median of %d: %s   (min %.2f s, max %.2f s)%n", seconds.size(),
                seconds.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f s", seconds.get(seconds.size() / 2)),
                seconds.isEmpty() ? Double.NaN : seconds.get(0), seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1));
        cpuSeconds.sort(null);
        if (!cpuSeconds.isEmpty()) {
            System.out.printf(Locale.ROOT, "CPU time of the launched JVM up to the painted frame, median of %d: %.2f s%n", cpuSeconds.size(),
                    cpuSeconds.get(cpuSeconds.size() / 2));
            fxCpuSeconds.sort(null);
            jitCpuSeconds.sort(null);
            // the JavaFX thread's share is the start-up's critical path; the JIT's runs beside it on the other core
            System.out.printf(Locale.ROOT, "of which the JavaFX thread %.2f s, the JIT compilers %.2f s (medians)%n",
                    fxCpuSeconds.get(fxCpuSeconds.size() / 2), jitCpuSeconds.get(jitCpuSeconds.size() / 2));
        }
        System.out.println("JavaFX configuration warning: " + (warned ? "printed" : "not printed"));
    }

    /** How many distinct colours the region shows, on a 4-pixel grid. */
    static int colours(Robot robot, Rectangle screen) {
        BufferedImage image = robot.createScreenCapture(screen);
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static void waitForEmptyScreen(Robot robot, Rectangle screen, int empty) throws InterruptedException {
        long start = System.nanoTime();
        while (colours(robot, screen) - empty >= 10 && System.nanoTime() - start < 10_000_000_000L) {
            Thread.sleep(50);
        }
    }

    /** User + system CPU time of process {@code pid} so far (Linux /proc; NaN elsewhere). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU time of the threads of process {@code pid} whose name starts with {@code prefix} (Linux /proc; NaN elsewhere). */
    static double threadCpuSeconds(long pid, String prefix) {
        double sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every common kernel. */
    private static final int CLOCK_TICKS = 100;

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
