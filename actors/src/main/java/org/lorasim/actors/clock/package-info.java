/**
 * The virtual clock: simulated time in nanoseconds ({@link org.lorasim.actors.clock.SimTime}), the total
 * order of events by (time, sender id, sender counter) ({@link org.lorasim.actors.clock.EventKey},
 * {@link org.lorasim.actors.clock.EventQueue}, no Pekko), and the {@link org.lorasim.actors.clock.Clock}
 * actor that releases it step by step, with eager work and lazy results and an optional realtime mode.
 * Participants schedule through an {@link org.lorasim.actors.clock.EventOutbox}.
 */
package org.lorasim.actors.clock;
