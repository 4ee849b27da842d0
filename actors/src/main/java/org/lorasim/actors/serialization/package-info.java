/**
 * Serialization of actor messages: {@link org.lorasim.actors.serialization.KryoSerializer}, a Pekko
 * serializer over Kryo 5 with one append-only table of fixed class ids
 * ({@link org.lorasim.actors.serialization.KryoRegistrations}), compact wire formats for adapters, and the
 * {@link org.lorasim.actors.serialization.LorasimMessage} marker that binds a message class to it.
 */
package org.lorasim.actors.serialization;
