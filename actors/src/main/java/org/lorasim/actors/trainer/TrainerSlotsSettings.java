package org.lorasim.actors.trainer;

import com.typesafe.config.Config;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.Checks;

/**
 * The {@code lorasim.trainer-slots} section: how many {@link TrainerSlot}s a JVM runs.
 *
 * @param count slots, {@code > 0}; with one engine thread per slot, the number of cores given to training
 */
public record TrainerSlotsSettings(int count) {
    public static final String PATH = "lorasim.trainer-slots";

    public TrainerSlotsSettings {
        Checks.positive("lorasim.trainer-slots.count", count);
    }

    /** Reads {@value #PATH} of {@code root} (the whole config, reference.conf supplying the defaults). */
    public static TrainerSlotsSettings from(Config root) {
        int count = ConfigReading.integer(root, PATH + ".count");
        if (count <= 0) {
            throw ConfigReading.bad(root, PATH + ".count", "must be > 0, got " + count);
        }
        return new TrainerSlotsSettings(count);
    }
}
