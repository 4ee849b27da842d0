package org.lorasim.cluster.sim;

import java.util.List;
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
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * One {@link RunListener} callback as it travels from the run's coordinator node to the submitting process
 * ({@link StreamingListener} to {@link RunSubmitter}), one record per callback. The split and the graph, which
 * grow with the clients, travel in parts of at most {@link #PART} clients or links (a part with {@code last}
 * ends them), so that no message outgrows Artery's frame.
 */
public sealed interface Streamed extends LorasimMessage {

    /** Clients (of a split) or links (of a graph) per part. */
    int PART = 2_000;

    record HeldOut(String description) implements Streamed {
    }

    record Initial(RoundRecord before) implements Streamed {
    }

    record Plan(FedPipePlan plan) implements Streamed {
    }

    record SplitPart(List<String> labelNames, List<ClientSplit.Client> clients, boolean synthetic, boolean last)
            implements Streamed {
    }

    record References(List<Reference> references) implements Streamed {
    }

    record Round(RoundRecord record) implements Streamed {
    }

    record Generations(int round, List<ModelEvaluator.Generation> generations) implements Streamed {
    }

    record Took(Participation participation) implements Streamed {
    }

    record Event(RunEvent event) implements Streamed {
    }

    record GraphPart(int clients, boolean aggregator, List<RunGraph.Link> links, boolean last) implements Streamed {
    }

    record RoundStarted(int round, long time, List<Integer> sampled) implements Streamed {
    }

    record Message(LinkActor.MessageSent sent) implements Streamed {
    }

    record EventNow(RunEvent event) implements Streamed {
    }

    record Finished(RunSummary summary) implements Streamed {
    }

    /**
     * The cluster's figures ({@link ClusterFiguresListener}) after round {@code round}, or at the run's end when
     * {@code round} is -1; a {@link ClusterView} in lists, since a view's map does not cross a JVM as it is.
     */
    record Figures(int round, List<ClusterView.Member> members, List<NodeRow> nodes, String json)
            implements Streamed {

        static Figures of(int round, ClusterView view) {
            return new Figures(round, view.members(), view.nodes().entrySet().stream()
                    .map(e -> new NodeRow(e.getKey(), e.getValue())).toList(), view.json());
        }

        ClusterView view() {
            java.util.Map<String, org.lorasim.cluster.node.ClusterMetricsRegistry.NodeFigures> byNode =
                    new java.util.TreeMap<>();
            nodes.forEach(row -> byNode.put(row.address(), row.figures()));
            return new ClusterView(members, byNode, json);
        }
    }

    /** One node's figures in {@link Figures}. */
    record NodeRow(String address, org.lorasim.cluster.node.ClusterMetricsRegistry.NodeFigures figures) {
    }
}
