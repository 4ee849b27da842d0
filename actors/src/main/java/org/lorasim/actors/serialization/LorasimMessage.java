package org.lorasim.actors.serialization;

/**
 * Marker of every Lorasim actor message: the actors module's {@code reference.conf} binds it to
 * {@link KryoSerializer} ({@code pekko.actor.serialization-bindings}), so every implementing class is
 * written by Kryo when it crosses a JVM, and under {@code pekko.actor.serialize-messages = on} in every test.
 *
 * <p>Implementing this interface is not enough: each concrete message class (and each class it carries)
 * needs a fixed Kryo id, see {@link KryoRegistrations}. A protocol is a sealed interface that extends this
 * one, with records as its messages, each record listed in {@code lorasim.serialization.registrations}.
 */
public interface LorasimMessage {
}
