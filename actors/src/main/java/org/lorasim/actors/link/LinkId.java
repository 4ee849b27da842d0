package org.lorasim.actors.link;

/**
 * Who a link is: its name in logs and events, its stable sender id for the clock, and the ids of the nodes
 * at its two ends (a partition cuts it when they are in different groups).
 *
 * @param name     e.g. {@code "client-3->aggregator"}, not blank
 * @param senderId the link's own stable id in the clock's event order ({@link org.lorasim.actors.clock.EventKey}),
 *                 fixed when the scenario is built and distinct from every other participant's
 * @param from     node id of the sending end
 * @param to       node id of the receiving end
 */
public record LinkId(String name, long senderId, long from, long to) {

    public LinkId {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got '" + name + "'");
        }
    }
}
