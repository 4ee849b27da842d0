package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.cluster.node.SlotDevice;

/** A trainer node's slots: one per entry of lorasim.cluster.trainer.devices; a GPU it lacks refuses the node. */
class TrainerDevicesTest {

    private static Config devices(String list) {
        return ConfigFactory.parseString("lorasim.cluster.trainer.devices = " + list);
    }

    @Test
    void oneSlotPerDeviceAndNoGpuQuestionForACpuOnlyList() {
        // Execute
        List<SlotDevice> slots = TrainerDevices.available(devices("[cpu, cpu, cpu]"), () -> {
            throw new AssertionError("PyTorch must not be asked for a CPU-only list");
        });

        // Assert
        assertThat(slots).containsExactly(SlotDevice.CPU, SlotDevice.CPU, SlotDevice.CPU);
    }

    @Test
    void aGpuTheMachineLacksFailsNamingTheKeyAndTheDevice() {
        assertThatThrownBy(() -> TrainerDevices.available(devices("[cpu, \"gpu:1\"]"), () -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("lorasim.cluster.trainer.devices: trainer device gpu:1 is not available")
                .hasMessageContaining("PyTorch sees 1 GPU(s)");
        assertThat(TrainerDevices.available(devices("[\"gpu:0\", cpu]"), () -> 1))
                .containsExactly(new SlotDevice(0), SlotDevice.CPU);
    }

    @Test
    void aTrainerNodeWithAMissingGpuRefusesToStartItsServices() {
        // Setup: a GPU index no machine of ours has
        try (LoopbackCluster cluster = LoopbackCluster.start(devices("[cpu, \"gpu:99\"]"), node -> { }, "trainer")) {
            // Execute, Assert
            assertThatThrownBy(() -> SimulationServices.start(cluster.node(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lorasim.cluster.trainer.devices: trainer device gpu:99 is not available");
        }
    }
}
