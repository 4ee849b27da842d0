package org.lorasim.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunGraph;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.ui.protocol.ClientStates;
import org.lorasim.ui.protocol.LinkStates;
import org.lorasim.ui.protocol.Messages;
import org.lorasim.ui.server.EventFeed;

/**
 * Turns a live run's reports into protocol messages on the {@link EventFeed}: the graph, the split, the
 * references, the starting model (a {@code starting-model} message, not a round), rounds as they start and end,
 * every message leaving a link, every event as soon as the recorder hears it ({@link RunListener#eventNow}),
 * client state changes ({@link ClientStates}), link state changes and partitions ({@link LinkStates}) and the
 * summary.
 */
public final class DashboardListener implements RunListener {

    private final EventFeed feed;
    private final ClientStates states;
    private final LinkStates linkStates;
    private final Map<String, int[]> links = new HashMap<>();
    private volatile long latestTime;
    private volatile boolean finished;
    private volatile boolean gossip;

    public DashboardListener(EventFeed feed) {
        this.feed = feed;
        this.states = new ClientStates(this::publish);
        this.linkStates = new LinkStates(this::publish);
    }

    public long latestTime() {
        return latestTime;
    }

    public boolean finished() {
        return finished;
    }

    public boolean gossip() {
        return gossip;
    }

    public synchronized int clientCount() {
        return states.count();
    }

    public synchronized ClientStates states() {
        return states;
    }

    public synchronized LinkStates linkStates() {
        return linkStates;
    }

    @Override
    public synchronized void graph(RunGraph graph) {
        gossip = !graph.aggregator();
        states.clients(graph.clients());
        graph.links().forEach(l -> links.put(l.name(), new int[]{l.from(), l.to()}));
        publish(Messages.graph(graph));
        linkStates.graph(graph);
    }

    @Override
    public synchronized void split(ClientSplit split) {
        publish(Messages.split(split));
        linkStates.split(split);
    }

    @Override
    public void initial(RoundRecord before) {
        publish(Messages.startingModel(before));
    }

    @Override
    public void references(List<Reference> references) {
        publish(Messages.references(references));
    }

    @Override
    public synchronized void roundStarted(int round, long time, List<Integer> sampled) {
        seen(time);
        publish(Messages.roundStarted(round, time, sampled));
        states.roundStarted(time, sampled);
    }

    @Override
    public synchronized void message(LinkActor.MessageSent sent) {
        seen(sent.sentAt());
        int[] ends = links.getOrDefault(sent.link(), new int[]{-2, -2});
        publish(Messages.message(sent, ends[0], ends[1]));
        states.sent(ends[0], sent.sentAt(), sent.arrival());
    }

    @Override
    public synchronized void eventNow(RunEvent event) {
        seen(event.timeNanos());
        publish(Messages.event(event));
        states.event(event.timeNanos(), event.kind(), event.subject(), event.detail());
        linkStates.event(event.timeNanos(), event.kind(), event.subject(), event.detail());
    }

    @Override
    public synchronized void round(RoundRecord record) {
        if (record.isBefore()) {
            initial(record);
            return;
        }
        seen(record.simTimeNanos());
        publish(Messages.round(record));
        if (gossip) {
            states.gossipRound(record.simTimeNanos());
        }
    }

    @Override
    public synchronized void participation(Participation participation) {
        ObjectNode message = Messages.participation(participation);
        publish(message);
        if (!gossip) {
            states.participation(latestTime, Messages.statuses(message));
        }
    }

    @Override
    public synchronized void finished(RunSummary summary) {
        seen(summary.simTimeNanos());
        finished = true;
        publish(Messages.finished(summary));
    }

    public void publish(ObjectNode message) {
        feed.publish(Messages.text(message));
    }

    /** Notes simulated {@code time}; whether it is later than any seen before. */
    public synchronized boolean seen(long time) {
        if (time > latestTime) {
            latestTime = time;
            return true;
        }
        return false;
    }
}
