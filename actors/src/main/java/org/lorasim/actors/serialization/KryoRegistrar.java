package org.lorasim.actors.serialization;

import java.util.List;

/**
 * Adds classes that need their own Kryo serializer (not a record or an enum) from a module that cannot
 * edit {@link KryoRegistrations}. Name the implementing class in {@code lorasim.serialization.registrars} of
 * the module's {@code reference.conf}; it needs a public no-argument constructor.
 *
 * <p>The ids follow the same rules as {@code lorasim.serialization.registrations}: at least
 * {@link KryoRegistrations#FIRST_EXTENSION_ID}, inside the module's documented range, never reused.
 */
public interface KryoRegistrar {

    /** The rows this module adds to the table, each with its fixed id. */
    List<KryoRegistration> registrations();
}
