package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.SlotDevice;

/**
 * A trainer node's slots, one per entry of {@code lorasim.cluster.trainer.devices} ({@code cpu}, {@code gpu:N}):
 * their number is what sizes the node's {@link TrainerHost} (its {@code lorasim.trainer-slots.count} is the
 * single JVM's setting and is not read on a cluster node), and a {@code gpu:N} entry that PyTorch does not see
 * refuses the node's start, naming the key. PyTorch is asked only when an entry names a GPU, so a CPU-only node
 * never loads the natives for this.
 */
final class TrainerDevices {
    static final String KEY = NodeSettings.key("trainer.devices");

    private TrainerDevices() {
    }

    /** The devices of {@code config}, in order. */
    static List<SlotDevice> of(Config config) {
        List<SlotDevice> devices = new ArrayList<>();
        for (String entry : config.getStringList(KEY)) {
            try {
                devices.add(SlotDevice.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(config.origin(), KEY, e.getMessage());
            }
        }
        if (devices.isEmpty()) {
            throw new ConfigException.BadValue(config.origin(), KEY, "is empty, but this node has the role trainer:"
                    + " give one device per trainer slot, e.g. [cpu] or [gpu:0, gpu:1]");
        }
        return List.copyOf(devices);
    }

    /**
     * The devices of {@code config}, each one available.
     *
     * @param gpus how many CUDA devices PyTorch sees (asked only when an entry names a GPU)
     * @throws IllegalStateException naming the key and the missing device
     */
    static List<SlotDevice> available(Config config, IntSupplier gpus) {
        List<SlotDevice> devices = of(config);
        if (devices.stream().anyMatch(SlotDevice::isGpu)) {
            int count = gpus.getAsInt();
            for (SlotDevice device : devices) {
                try {
                    device.requireAvailable(count);
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(KEY + ": " + e.getMessage() + "; list only devices this machine"
                            + " has, e.g. [cpu]", e);
                }
            }
        }
        return devices;
    }

    /** What PyTorch sees. */
    static int pytorchGpus() {
        return ai.djl.engine.Engine.getInstance().getGpuCount();
    }
}
