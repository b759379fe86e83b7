package org.warplab.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.warplab.model.Client;
import org.warplab.model.IpAddress;
import org.warplab.model.Lab;
import org.warplab.model.Vm;
import org.warplab.scheme.L2ExtensionBaseline;
import org.warplab.scheme.MobileIpv6Scheme;
import org.warplab.scheme.MobilityScheme;
import org.warplab.scheme.NetworkPagingScheme;
import org.warplab.scheme.NoSchemeBaseline;
import org.warplab.scheme.RoutingMoveBaseline;
import org.warplab.scheme.SegmentationScheme;

/**
 * A scheme's part of live mode: what it refuses, the agents of its own (beyond the probes, echoes
 * and relay every run has), where the probes aim, and what it measures of a move. One object per
 * run, chosen from the lab's {@link MobilityScheme} ({@link #of}); the config files'
 * {@code SchemeFiles} and the emulator's {@code SchemeBehaviour} are the same idea.
 */
sealed interface LiveScheme permits PagingLiveScheme, MobileIpv6LiveScheme, PlainLiveScheme, EmulatorOnlyScheme {

    /** Where a scheme's agents run: the lab, its generated configs, the host's tools and namespaces. */
    record AgentSite(Lab lab, Path configDir, HostTools tools, NamespaceNames names) { }

    /** The scheme this is the live part of. */
    MobilityScheme scheme();

    /** Whether live mode runs this scheme at all (else {@link #refusal} says so). */
    default boolean runs() {
        return true;
    }

    /** Why {@code lab} cannot run live with this scheme, beyond what every lab needs; checked before anything is created. */
    default Optional<String> refusal(Lab lab) {
        return Optional.empty();
    }

    /** Host tools this scheme needs beyond a lab build's. */
    default List<Requirement> tools() {
        return List.of();
    }

    /** The time between repeated moves ({@code warplab live run --repeat}): a move of the samples' VMs takes ~0.5 s, and the traffic settles after it. */
    default long repeatSpacingNs() {
        return 2_000_000_000L;
    }

    /** The VM address a client's probes go to: one of a family both have. */
    default Optional<IpAddress> probeTarget(Client client, Vm vm) {
        return vm.addresses().stream().filter(a -> client.address(a.family()).isPresent()).findFirst();
    }

    /** What {@link #probeTarget} needs that a client without one lacks, for the message ("" when a shared family is all). */
    default String probeTargetNeeds() {
        return "";
    }

    /** The scheme's own agents in the order they start. */
    default List<AgentLaunch> agents(AgentSite site) throws IOException {
        return List.of();
    }

    /** The address a migration's figures name for {@code vm}. */
    default IpAddress measuredAddress(Vm vm) {
        return vm.addresses().get(0);
    }

    /**
     * What this scheme measures of one move beyond the memory copy's phases: its own phases, trace
     * events and notes (added to {@code move}), its switching time and when service came back.
     */
    default LiveMeasurement.SchemeFigures measure(LiveMeasurement.Move move) {
        return LiveMeasurement.SchemeFigures.NONE;
    }

    /** The live part of the scheme {@code lab} uses. The lab must have settings for it. */
    static LiveScheme of(Lab lab) {
        return MobilityScheme.of(lab).parts(new MobilityScheme.Parts<LiveScheme>() {
            @Override
            public LiveScheme paging(NetworkPagingScheme scheme) {
                return new PagingLiveScheme(scheme);
            }

            @Override
            public LiveScheme segmentation(SegmentationScheme scheme) {
                return new PlainLiveScheme(scheme);
            }

            @Override
            public LiveScheme mobileIpv6(MobileIpv6Scheme scheme) {
                return new MobileIpv6LiveScheme(scheme);
            }

            @Override
            public LiveScheme none(NoSchemeBaseline scheme) {
                return new PlainLiveScheme(scheme);
            }

            @Override
            public LiveScheme l2Extension(L2ExtensionBaseline scheme) {
                return new EmulatorOnlyScheme(scheme);
            }

            @Override
            public LiveScheme routingMove(RoutingMoveBaseline scheme) {
                return new EmulatorOnlyScheme(scheme);
            }
        });
    }
}
