package org.lorasim.cluster.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault injection of {@code lorasim.cluster.chaos} for one receiving actor and one kind of message: the first
 * {@code n} it receives are dropped, as if lost on the wire, each one counted and logged. For tests only (all 0 by
 * default).
 */
final class ChaosDrops {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosDrops.class);
    private final String kind;
    private final DeliveryCounters counters;
    private int left;

    ChaosDrops(String kind, int n, DeliveryCounters counters) {
        this.kind = kind;
        this.left = n;
        this.counters = counters;
    }

    /** Whether to drop the message just received (and if so, it is counted and logged). */
    boolean drop(Object what) {
        if (left <= 0) {
            return false;
        }
        left--;
        counters.chaosDropped.increment();
        LOG.warn("fault injection (lorasim.cluster.chaos): dropped {} {}", kind, what);
        return true;
    }
}
