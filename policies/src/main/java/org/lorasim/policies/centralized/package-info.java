/**
 * Server-based federated round policies: the {@link org.lorasim.policies.centralized.CentralizedPolicy}
 * seam of DESIGN.md ("Policies") with FedAvg/FedIT and FedProx, FlexLoRA, HetLoRA, SA-FedLoRA and FedPipe
 * (the pipeline variant: per-client matrices, ranks and base precision from its planner), the
 * immutable messages that cross it ({@code ClientInfo}, {@code RoundPlan}, {@code ClientInstruction},
 * {@code ClientUpdate}, {@code Failure}, {@code GlobalState}) and the seeded {@code ClientSampler}.
 * Robust and differentially private aggregation plug in as an
 * {@link org.lorasim.policies.adapter.AdapterAggregator} ({@code FedAvgPolicy.withAggregator},
 * {@code SaFedLoraPolicy}'s constructor).
 */
package org.lorasim.policies.centralized;
