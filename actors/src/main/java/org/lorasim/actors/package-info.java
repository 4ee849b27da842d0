/**
 * The simulation runtime in one JVM: the virtual clock and the client, trainer-slot, aggregator and link
 * actors. Depends on {@code training} and {@code policies}, never on {@code cluster}.
 */
package org.lorasim.actors;
