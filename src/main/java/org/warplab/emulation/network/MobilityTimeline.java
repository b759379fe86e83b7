package org.warplab.emulation.network;

/**
 * When each Mobile IPv6 step of one migration happened (-1: not yet), from the VM's resume to the
 * first packet that reached it at its home address again. The first registration after a move
 * counts; later refreshes do not.
 */
public final class MobilityTimeline {
    public long routerAdvertisementNs = -1;
    public long firstBindingUpdateNs = -1;
    public long bindingUpdatesSent;
    public long homeAgentDadStartNs = -1;
    public long homeAgentDadEndNs = -1;
    public long bindingAckNs = -1;
    public long firstDeliveryNs = -1;
    public long returnRoutabilityStartNs = -1;
    public long returnRoutabilityDoneNs = -1;
    public long correspondentBoundNs = -1;
}
