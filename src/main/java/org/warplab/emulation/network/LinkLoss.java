package org.warplab.emulation.network;

/**
 * Decides whether a frame that crossed a link is lost there. The lab's links lose frames at
 * random at their configured rate ({@link #CONFIGURED}); another model (a burst, one kind of
 * frame) plugs in through {@code Emulator.run(Lab, Options, LinkLoss)}.
 */
@FunctionalInterface
public interface LinkLoss {

    /** Each link's own loss percentage, drawn from the run's seeded random stream. */
    LinkLoss CONFIGURED = (frame, channel, net) -> channel.lossProbability > 0 && net.sim.random().nextDouble() < channel.lossProbability
            ? "lost on " + channel.linkName() + " (loss " + (channel.lossProbability * 100) + "%)" : null;

    /** Why {@code frame} is lost on {@code channel}, or null when it arrives. */
    String lost(Frame frame, Channel channel, NetworkContext net);
}
