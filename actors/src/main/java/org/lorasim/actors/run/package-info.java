/**
 * Whole runs: builds the actor graph of a scenario (clock, clients, links, trainer slots, aggregator or gossip
 * nodes, scenario runner, recorder), runs it to the end and hands its per-round records and events to a
 * {@link org.lorasim.actors.run.RunListener}.
 */
package org.lorasim.actors.run;
