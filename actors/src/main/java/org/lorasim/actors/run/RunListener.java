package org.lorasim.actors.run;

/**
 * Receives a run's records as they are made: the seam between the runtime and whatever writes or shows
 * them (the run folder, a progress bar, the dashboard). Called from one thread at a time, in order: the
 * initial evaluation, the references, then rounds and events as simulated time goes, then the summary. A listener must not
 * block for long; it never changes the simulation.
 */
public interface RunListener {

    /**
     * Which examples the model is evaluated on ({@link RunData#heldOutDescription()}), told once before
     * {@link #initial} in a trained run.
     */
    default void heldOut(String description) {
    }

    /**
     * The starting model before round 0 ({@link RoundRecord#before}): its held-out accuracy and macro-F1 (NaN
     * when not evaluated) and checksum.
     */
    default void initial(RoundRecord before) {
    }

    /** FedPipe's plan of every client (a pipeline run only), told once before round 0. */
    default void fedPipePlan(FedPipePlan plan) {
    }

    /** How the run's data was split over its clients, told once before {@link #initial}. */
    default void split(ClientSplit split) {
    }

    /**
     * Reference accuracies on the same held-out examples ({@link ReferenceLevels}), told right after
     * {@link #initial}; never told for a system-only run.
     */
    default void references(java.util.List<Reference> references) {
    }

    default void round(RoundRecord record) {
    }

    /**
     * A decoder's sampled generations after a round ({@link RoundRecord#BEFORE} for the starting model), told
     * right after that round's record; never told for a classifier.
     */
    default void generations(int round, java.util.List<ModelEvaluator.Generation> generations) {
    }

    /** Who took part in a round, told right after the round's {@link #round} record. */
    default void participation(Participation participation) {
    }

    default void event(RunEvent event) {
    }

    /** The run's actor graph, told once when it is built, before simulated time starts. */
    default void graph(RunGraph graph) {
    }

    /**
     * Round {@code round} of a centralized or pipeline run started at simulated {@code time} with these clients
     * {@code sampled}; told at once, for live views (its {@link #round} record comes when it ends).
     */
    default void roundStarted(int round, long time, java.util.List<Integer> sampled) {
    }

    /**
     * A message left a link's sender ({@link org.lorasim.actors.link.LinkActor.MessageSent}: when it was sent,
     * when it arrives, its bytes); told at once, for live views that draw messages in flight.
     */
    default void message(org.lorasim.actors.link.LinkActor.MessageSent sent) {
    }

    /**
     * An event as soon as the observer hears it, for live views; {@link #event} tells the same event again later,
     * in simulated-time order among the round records.
     */
    default void eventNow(RunEvent event) {
    }

    default void finished(RunSummary summary) {
    }

    RunListener NONE = new RunListener() {
    };
}
