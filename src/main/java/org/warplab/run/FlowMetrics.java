package org.warplab.run;

/**
 * What one probe flow saw around one migration.
 *
 * @param gapNs largest interval between consecutive delivered echoes around the move
 * @param latencyBeforeNs mean round trip of probes sent before the migration started (-1: none)
 * @param latencyAfterNs mean round trip of probes sent after the VM resumed (-1: none came back)
 * @param pathBefore nodes a probe and its echo crossed before the move
 * @param pathAfter nodes a probe and its echo crossed after the move (empty if none came back)
 */
public record FlowMetrics(String flow, String client, long probesSent, long probesLost, long gapNs,
                          long latencyBeforeNs, long latencyAfterNs, String pathBefore, String pathAfter) { }
