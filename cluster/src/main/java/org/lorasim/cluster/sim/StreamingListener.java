package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
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
 * The listener of a run on its coordinator node: every callback becomes a {@link Streamed} item, sent to the
 * submitting process in numbered {@link RunSubmitter.Batch}es. A batch goes when it holds {@value #BATCH} items,
 * with every round record (so progress is never a round late), with the summary, with each part of the split or the
 * graph (a part is up to {@link Streamed#PART} clients or links, ~90 KB: several in one batch outgrew Artery's 4 MB
 * frame at 100,000 clients, and the refused batch failed the run), with the first callback
 * more than {@value #LINGER_MILLIS} ms after the last batch, and when its {@link RunAttempt} flushes it, every
 * {@value #LINGER_MILLIS} ms (so what a paused run told last reaches a dashboard without waiting for more).
 * Numbers let the submitter put batches in order and see a lost one (it fails the run, never silently).
 */
final class StreamingListener implements RunListener, ClusterFiguresListener {
    static final int BATCH = 256;
    static final long LINGER_MILLIS = 200;

    private final ActorRef<RunSubmitter.Command> submitter;
    private final String runId;
    private final int attempt;
    private final ActorRef<?> source;
    private List<Streamed> pending = new ArrayList<>();
    private long seq;
    private long lastSent = System.nanoTime();
    private RunSummary heldSummary;

    StreamingListener(ActorRef<RunSubmitter.Command> submitter, String runId, int attempt,
                      ActorRef<?> source) {
        this.submitter = submitter;
        this.runId = runId;
        this.attempt = attempt;
        this.source = source;
    }

    private synchronized void add(Streamed item, boolean flush) {
        pending.add(item);
        if (flush || pending.size() >= BATCH || System.nanoTime() - lastSent > LINGER_MILLIS * 1_000_000) {
            flush();
        }
    }

    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        submitter.tell(new RunSubmitter.Batch(runId, attempt, seq++, List.copyOf(pending), source));
        pending = new ArrayList<>();
        lastSent = System.nanoTime();
    }

    @Override
    public void heldOut(String description) {
        add(new Streamed.HeldOut(description), false);
    }

    @Override
    public void initial(RoundRecord before) {
        add(new Streamed.Initial(before), true);
    }

    @Override
    public void fedPipePlan(FedPipePlan plan) {
        add(new Streamed.Plan(plan), false);
    }

    @Override
    public void split(ClientSplit split) {
        List<ClientSplit.Client> clients = split.clients();
        for (int from = 0; from < clients.size() || from == 0; from += Streamed.PART) {
            int to = Math.min(clients.size(), from + Streamed.PART);
            add(new Streamed.SplitPart(split.labelNames(), List.copyOf(clients.subList(from, to)), split.synthetic(),
                    to == clients.size()), true);
        }
    }

    @Override
    public void references(List<Reference> references) {
        add(new Streamed.References(List.copyOf(references)), false);
    }

    @Override
    public void round(RoundRecord record) {
        add(new Streamed.Round(record), true);
    }

    @Override
    public void generations(int round, List<ModelEvaluator.Generation> generations) {
        add(new Streamed.Generations(round, List.copyOf(generations)), false);
    }

    @Override
    public void participation(Participation participation) {
        add(new Streamed.Took(participation), true);
    }

    @Override
    public void event(RunEvent event) {
        add(new Streamed.Event(event), false);
    }

    @Override
    public void graph(RunGraph graph) {
        List<RunGraph.Link> links = graph.links();
        for (int from = 0; from < links.size() || from == 0; from += Streamed.PART) {
            int to = Math.min(links.size(), from + Streamed.PART);
            add(new Streamed.GraphPart(graph.clients(), graph.aggregator(), List.copyOf(links.subList(from, to)),
                    to == links.size()), true);
        }
    }

    @Override
    public void roundStarted(int round, long time, List<Integer> sampled) {
        add(new Streamed.RoundStarted(round, time, List.copyOf(sampled)), false);
    }

    @Override
    public void message(LinkActor.MessageSent sent) {
        add(new Streamed.Message(sent), false);
    }

    @Override
    public void eventNow(RunEvent event) {
        add(new Streamed.EventNow(event), false);
    }

    /** Held until {@link #release}, so that the end figures, collected after the run, reach the submitter first. */
    @Override
    public synchronized void finished(RunSummary summary) {
        heldSummary = summary;
    }

    @Override
    public void round(int round, ClusterView view) {
        add(Streamed.Figures.of(round, view), false);
    }

    @Override
    public void finished(ClusterView view) {
        add(Streamed.Figures.of(-1, view), false);
    }

    /** Sends the held summary (the run ended and its figures were told, or could not be collected). */
    synchronized void release() {
        if (heldSummary != null) {
            add(new Streamed.Finished(heldSummary), true);
            heldSummary = null;
        }
    }
}
