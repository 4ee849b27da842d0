package org.lorasim.actors.run;

import java.util.List;
import org.lorasim.actors.link.LinkActor;

/**
 * Passes every call to each listener in turn, in the order given (the command line: the run folder first, then the
 * progress line). Every method of {@link RunListener} is forwarded ({@code CompositeListenerTest} checks that a
 * method added to the interface is added here too).
 */
public record CompositeListener(List<RunListener> listeners) implements RunListener {

    @Override
    public void heldOut(String description) {
        listeners.forEach(l -> l.heldOut(description));
    }

    @Override
    public void initial(RoundRecord before) {
        listeners.forEach(l -> l.initial(before));
    }

    @Override
    public void split(ClientSplit split) {
        listeners.forEach(l -> l.split(split));
    }

    @Override
    public void fedPipePlan(FedPipePlan plan) {
        listeners.forEach(l -> l.fedPipePlan(plan));
    }

    @Override
    public void references(List<Reference> references) {
        listeners.forEach(l -> l.references(references));
    }

    @Override
    public void round(RoundRecord record) {
        listeners.forEach(l -> l.round(record));
    }

    @Override
    public void generations(int round, List<org.lorasim.actors.run.ModelEvaluator.Generation> generations) {
        listeners.forEach(l -> l.generations(round, generations));
    }

    @Override
    public void participation(Participation participation) {
        listeners.forEach(l -> l.participation(participation));
    }

    @Override
    public void event(RunEvent event) {
        listeners.forEach(l -> l.event(event));
    }

    @Override
    public void graph(RunGraph graph) {
        listeners.forEach(l -> l.graph(graph));
    }

    @Override
    public void roundStarted(int round, long time, List<Integer> sampled) {
        listeners.forEach(l -> l.roundStarted(round, time, sampled));
    }

    @Override
    public void message(LinkActor.MessageSent sent) {
        listeners.forEach(l -> l.message(sent));
    }

    @Override
    public void eventNow(RunEvent event) {
        listeners.forEach(l -> l.eventNow(event));
    }

    @Override
    public void finished(RunSummary summary) {
        listeners.forEach(l -> l.finished(summary));
    }
}
