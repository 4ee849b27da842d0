/**
 * The centralized aggregator's round machinery (DESIGN.md, "AggregatorActor"): {@link
 * org.lorasim.actors.aggregator.RoundCollector}, one short-lived clock participant per round that
 * collects results, failures and stragglers with a deadline and a "K fastest" quorum; {@link
 * org.lorasim.actors.aggregator.RoundSpec}, what a round waits for; and {@link
 * org.lorasim.actors.aggregator.LateUpdates}, the aggregator's buffer of updates that arrive after
 * their round closed ({@link org.lorasim.actors.aggregator.LatePolicy}). The aggregation policy lives in
 * the policies module; these classes deal in client ids and opaque updates only.
 */
package org.lorasim.actors.aggregator;
