package org.lorasim.actors.run;

/**
 * The clock sender ids of a run's participants (every participant a distinct id, fixed when the run is
 * built, so event order never depends on arrival order): the opening schedule 0, the scenario runner 1, the
 * aggregator 2 and its round collectors {@code 3 .. 999,999}; client {@code i} {@code 1,000,000 + i}; its
 * upload link {@code 100,000,000 + i} and its download link {@code 200,000,000 + i}; gossip links from
 * {@link #GOSSIP_LINKS}. Room for 99 million clients.
 */
final class SenderIds {
    static final long OPENING = 0;
    static final long SCENARIO = 1;
    static final long AGGREGATOR = 2;
    static final long CLIENTS = 1_000_000;
    static final long UPLINKS = 100_000_000;
    static final long DOWNLINKS = 200_000_000;
    static final long GOSSIP_LINKS = 1_000_000_000;

    private SenderIds() {
    }
}
