/**
 * Simulated network links: {@link org.lorasim.actors.link.LinkModel} (pure timing: FIFO transmitter,
 * bandwidth, latency, uniform jitter, loss, up/down, partition cut), {@link org.lorasim.actors.link.Partitions}
 * (node -> group assignments) and {@link org.lorasim.actors.link.LinkActor}, the clock participant that
 * carries payloads between nodes and publishes what happens on the link to read-only observers.
 */
package org.lorasim.actors.link;
