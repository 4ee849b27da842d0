package org.lorasim.actors.run;

import java.util.Objects;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * One line of {@code events.jsonl}: a scenario action or a failure as it happened in simulated time (a
 * client crashed or recovered, a link changed or lost a message, a partition, a straggler, an aggregator
 * crash and its recovery), or a message sent over a link ({@link MessageEvents}). Observers see these; they
 * never change the simulation.
 *
 * @param timeNanos simulated time of the event
 * @param round     the round it happened in, or -1 outside rounds
 * @param kind      what happened, kebab-case, e.g. {@code client-crashed}, {@code message-lost}
 * @param subject   who it happened to, e.g. {@code client-3}, {@code client-3->aggregator}, {@code aggregator}
 * @param detail    free text for people, e.g. the reason of a loss or the new bandwidth
 */
public record RunEvent(long timeNanos, int round, String kind, String subject, String detail)
        implements LorasimMessage {

    public RunEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }
}
