package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.centralized.FedPipePolicy;
import org.lorasim.policies.fedpipe.ClientPlan;

/**
 * What FedPipe's planner decided for every client of a pipeline run (Fang et al., arXiv:2404.06448; {@link
 * FedPipePolicy}), once, before round 0: the base precision and the rank of every adapted matrix, the predicted
 * memory and step against their budgets, or why no plan fits. The run folder writes it as {@code fedpipe-plan.csv}.
 *
 * @param rows one per client, by id
 */
public record FedPipePlan(List<Row> rows) implements LorasimMessage {

    /**
     * @param client            the client's id
     * @param planned           whether a plan fits (it may still adapt no matrix: then it is not sampled)
     * @param precision         the frozen base's precision (fp32, int8, nf4, ...); empty when nothing fits
     * @param ranks             {@code matrix=rank} for every adapted matrix, separated by {@code ;} in matrix order
     * @param memoryBytes       predicted memory of a training step with this plan
     * @param memoryBudgetBytes the client's memory ({@code lorasim.clients.memory})
     * @param stepSeconds       predicted seconds of one local step against the FLOP model
     * @param reason            why nothing fits (which budget binds); empty for a plan
     */
    public record Row(int client, boolean planned, String precision, String ranks, long memoryBytes,
                      long memoryBudgetBytes, double stepSeconds, String reason) {
        public Row {
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(ranks, "ranks");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public FedPipePlan {
        rows = List.copyOf(rows);
    }

    /** The plans of {@code policy}, by runtime client id. */
    public static FedPipePlan of(FedPipePolicy policy) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, ClientPlan> e : policy.plans().entrySet()) {
            if (e.getValue() instanceof ClientPlan.Planned p) {
                rows.add(new Row(e.getKey(), true, p.precision().name().toLowerCase(java.util.Locale.ROOT),
                        p.ranks().entrySet().stream().map(r -> r.getKey() + "=" + r.getValue())
                                .collect(Collectors.joining(";")),
                        p.memoryBytes(), p.memoryBudgetBytes(), p.stepSeconds(), ""));
            } else if (e.getValue() instanceof ClientPlan.Infeasible i) {
                rows.add(new Row(e.getKey(), false, "", "", 0, 0, Double.NaN,
                        i.binding().name().toLowerCase(java.util.Locale.ROOT) + ": " + i.explanation()));
            }
        }
        return new FedPipePlan(rows);
    }
}
