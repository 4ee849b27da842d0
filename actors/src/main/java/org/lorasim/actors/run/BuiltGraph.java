package org.lorasim.actors.run;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;

/** What building a run's actor graph gives: its opening schedule, its scenario runner and its shape. */
record BuiltGraph(List<Clock.Schedule> opening, ActorRef<Clock.Delivered> scenario, RunGraph graph) {
    BuiltGraph {
        opening = List.copyOf(opening);
    }
}
