package org.warplab.live;

import org.warplab.scheme.MobilityScheme;

/**
 * Segmentation and the no-scheme baseline live: no agents of their own. The generated configs are
 * the whole scheme (segments bridged across the WAN, or nothing that follows the VM), so the
 * probes and echoes every run has measure it.
 */
record PlainLiveScheme(MobilityScheme scheme) implements LiveScheme {
}
