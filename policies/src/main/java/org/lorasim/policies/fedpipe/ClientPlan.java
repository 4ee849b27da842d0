package org.lorasim.policies.fedpipe;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The planner's answer for one client: a plan, or why none exists. */
public sealed interface ClientPlan permits ClientPlan.Planned, ClientPlan.Infeasible {

    String clientId();

    /** Which budget makes a client infeasible even with no adapter at the cheapest precision. */
    enum BindingBudget {
        /** The base model alone exceeds the memory budget at every precision. */
        MEMORY,
        /** The base model's step alone exceeds the time budget at every precision. */
        TIME,
        /** No precision fits both budgets at once (each fails one or both). */
        MEMORY_AND_TIME
    }

    /**
     * A feasible plan: the base precision, the rank of every adapted matrix (matrices not listed get no
     * adapter), predicted memory, FLOPs and seconds per step beside their budgets, the summed adapter
     * utility and the objective that ranked it ({@link PlannerSettings}).
     */
    record Planned(String clientId, BasePrecision precision, SortedMap<String, Integer> ranks, long memoryBytes,
                   long memoryBudgetBytes, long flopsPerStep, long flopBudget, double stepSeconds,
                   double adapterUtility, double objective) implements ClientPlan {
        public Planned {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(precision, "precision");
            ranks = Collections.unmodifiableSortedMap(new TreeMap<>(ranks));
        }

        /** Rank given to {@code matrix}, 0 when it is not adapted. */
        public int rankOf(String matrix) {
            return ranks.getOrDefault(matrix, 0);
        }
    }

    /** No plan: the client cannot even hold and step the base model. */
    record Infeasible(String clientId, BindingBudget binding, String explanation) implements ClientPlan {
        public Infeasible {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(explanation, "explanation");
        }
    }
}
