package org.lorasim.actors.run;

import java.util.List;
import java.util.Objects;

/**
 * A run's actor graph as built: its clients, whether an aggregator serves them (node {@link #AGGREGATOR}), and
 * every directed link, named as in {@link org.lorasim.actors.link.LinkActor} events ({@code client-3-up},
 * {@code client-3-down}, {@code client-3->client-4}).
 */
public record RunGraph(int clients, boolean aggregator, List<Link> links) {

    /** The aggregator's node id in {@link Link#from} and {@link Link#to}. */
    public static final int AGGREGATOR = -1;

    /** A directed link from node {@code from} to node {@code to}. */
    public record Link(String name, int from, int to) {
        public Link {
            Objects.requireNonNull(name, "name");
        }
    }

    public RunGraph {
        links = List.copyOf(links);
    }
}
