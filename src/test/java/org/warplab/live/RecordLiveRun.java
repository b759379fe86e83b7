package org.warplab.live;

import java.nio.file.Path;
import java.util.Optional;
import org.warplab.io.LabFiles;
import org.warplab.model.Lab;
import org.warplab.model.VmRuntime;

/**
 * Records a live run for {@link LiveMeasurementTest} (root, under the live lock):
 * {@code java -cp target/test-classes:target/classes:DEPS org.warplab.live.RecordLiveRun LAB NAME [--repeat N SPACING_MS] [--vm qemu]}
 * writes {@code src/test/resources/org/warplab/live/recorded/NAME/}.
 */
public final class RecordLiveRun {

    private RecordLiveRun() {
    }

    public static void main(String[] args) throws Exception {
        Lab lab = LabFiles.load(Path.of(args[0])).lab();
        String name = args[1];
        Optional<VmRuntime> runtime = Optional.empty();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--repeat")) {
                lab = BackAndForth.repeat(lab, Integer.parseInt(args[i + 1]), Long.parseLong(args[i + 2]) * 1_000_000L);
                i += 2;
            } else if (args[i].equals("--vm")) {
                runtime = Optional.of(VmRuntime.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
            }
        }
        HostTools tools = HostTools.fromEnvironment();
        LiveRunner runner = new LiveRunner(new ProcessCommandRunner(), tools, LiveState.DEFAULT_DIR, System.out::println);
        LiveRunner.Outcome outcome = runner.run(lab, lab.scheme(), new LiveRunner.Options(runtime, Optional.empty()));
        Lab ran = LiveRunner.withRuntime(lab, runtime);
        new RecordedRun(ran, outcome.recording(), outcome.result()).save(Path.of("src/test/resources/org/warplab/live/recorded", name));
        outcome.result().migrations().forEach(m -> System.out.printf("%s switching %s downtime %.2f ms gap %.2f ms lost %d/%d%n", m.migration(),
                m.switchingTimeNs() == null ? "-" : String.format("%.2f ms", m.switchingTimeNs() / 1e6), m.downtimeNs() / 1e6, m.clientGapNs() / 1e6,
                m.probesLost(), m.probesSent()));
    }
}
