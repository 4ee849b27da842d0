package org.lorasim.cluster.sim;

import java.util.List;
import java.util.function.IntConsumer;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.FedPipePlan;
import org.lorasim.actors.run.ModelEvaluator;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;

/**
 * Passes every call on to the run's listener, and after each round's record starts {@code atRoundEnd} (which must
 * not block: the cluster's figures are asked for asynchronously).
 */
record RoundEndFigures(RunListener listener, IntConsumer atRoundEnd) implements RunListener {

    @Override
    public void heldOut(String description) {
        listener.heldOut(description);
    }

    @Override
    public void initial(RoundRecord before) {
        listener.initial(before);
    }

    @Override
    public void fedPipePlan(FedPipePlan plan) {
        listener.fedPipePlan(plan);
    }

    @Override
    public void split(ClientSplit split) {
        listener.split(split);
    }

    @Override
    public void references(List<Reference> references) {
        listener.references(references);
    }

    @Override
    public void round(RoundRecord record) {
        listener.round(record);
        atRoundEnd.accept(record.round());
    }

    @Override
    public void generations(int round, List<ModelEvaluator.Generation> generations) {
        listener.generations(round, generations);
    }

    @Override
    public void participation(Participation participation) {
        listener.participation(participation);
    }

    @Override
    public void event(RunEvent event) {
        listener.event(event);
    }

    @Override
    public void graph(RunGraph graph) {
        listener.graph(graph);
    }

    @Override
    public void roundStarted(int round, long time, List<Integer> sampled) {
        listener.roundStarted(round, time, sampled);
    }

    @Override
    public void message(LinkActor.MessageSent sent) {
        listener.message(sent);
    }

    @Override
    public void eventNow(RunEvent event) {
        listener.eventNow(event);
    }

    @Override
    public void finished(RunSummary summary) {
        listener.finished(summary);
    }
}
