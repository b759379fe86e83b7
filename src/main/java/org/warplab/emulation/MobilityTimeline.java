package org.warplab.emulation;

/**
 * When each Mobile IPv6 step of one migration happened (-1: not yet), from the VM's resume to the
 * first packet that reached it at its home address again. The first registration after a move
 * counts; later refreshes do not.
 */
final class MobilityTimeline {
    long routerAdvertisementNs = -1;
    long firstBindingUpdateNs = -1;
    long bindingUpdatesSent;
    long homeAgentDadStartNs = -1;
    long homeAgentDadEndNs = -1;
    long bindingAckNs = -1;
    long firstDeliveryNs = -1;
    long returnRoutabilityStartNs = -1;
    long returnRoutabilityDoneNs = -1;
    long correspondentBoundNs = -1;
}
