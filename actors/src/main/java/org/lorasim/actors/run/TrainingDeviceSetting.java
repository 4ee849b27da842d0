package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.util.function.IntSupplier;
import org.lorasim.training.djl.TrainingDevices;

/**
 * {@code lorasim.training.device}: where a one-JVM run's trainer slots train ({@code cpu}, the default, or
 * {@code gpu:N}). Every slot trains over one copy of the base on that device; the held-out evaluation and the
 * starting adapter use the engine's default device, as on a cluster's coordinator. A cluster's trainer nodes place
 * their slots by {@code lorasim.cluster.trainer.devices} instead. A value that is not {@code cpu} or {@code gpu:N},
 * and a GPU PyTorch does not see, are refused naming the key.
 */
final class TrainingDeviceSetting {
    static final String KEY = "lorasim.training.device";

    private TrainingDeviceSetting() {
    }

    /** The device {@code config} names (format checked only; absent: the CPU). */
    static Device of(Config config) {
        if (!config.hasPath(KEY)) {
            return Device.cpu();
        }
        try {
            return TrainingDevices.parse(config.getString(KEY));
        } catch (IllegalArgumentException | com.typesafe.config.ConfigException.WrongType e) {
            throw bad(config, KEY, e.getMessage(), e);
        }
    }

    /**
     * The device {@code config} names, which must exist here.
     *
     * @param gpus how many GPUs PyTorch sees (asked only for a {@code gpu:N} value)
     */
    static Device available(Config config, IntSupplier gpus) {
        Device device = of(config);
        if (device.isGpu()) {
            try {
                TrainingDevices.requireAvailable(device, gpus.getAsInt());
            } catch (IllegalStateException e) {
                throw bad(config, KEY, e.getMessage() + "; use cpu, or a GPU this machine has", e);
            }
        }
        return device;
    }
}
