package org.lorasim.cli.output;

import java.util.List;
import org.lorasim.actors.run.FedPipePlan;

/**
 * {@code fedpipe-plan.csv}: what FedPipe's planner gave each client of a pipeline run, one row per client:
 * {@code client}, {@code planned} ({@code false}: no precision and rank fit its memory and step time, and it never
 * trains), {@code base_precision}, {@code ranks} ({@code matrix=rank} for each adapted matrix, separated by
 * {@code ;}; empty: nothing adapted, so the client is not sampled), {@code memory_bytes} and
 * {@code memory_budget_bytes} (predicted memory of a step against the client's memory), {@code step_seconds}
 * (one local step under the FLOP model) and {@code reason} (which budget binds when nothing fits). Fields are
 * quoted as in {@link RoundsCsv}.
 */
public final class FedPipePlanCsv {
    public static final String FILE = "fedpipe-plan.csv";

    private FedPipePlanCsv() {
    }

    public static String render(FedPipePlan plan) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("client", "planned", "base_precision", "ranks", "memory_bytes", "memory_budget_bytes",
                "step_seconds", "reason"));
        for (FedPipePlan.Row r : plan.rows()) {
            line(out, List.of(Integer.toString(r.client()), Boolean.toString(r.planned()), r.precision(), r.ranks(),
                    r.planned() ? Long.toString(r.memoryBytes()) : "", r.planned() ? Long.toString(r.memoryBudgetBytes())
                            : "", r.planned() ? Double.toString(r.stepSeconds()) : "", r.reason()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(String.join(",", fields.stream().map(RoundsCsv::quote).toList())).append('\n');
    }
}
