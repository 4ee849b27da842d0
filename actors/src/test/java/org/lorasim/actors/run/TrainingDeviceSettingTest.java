package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.typesafe.config.ConfigException;
import org.junit.jupiter.api.Test;

/** {@code lorasim.training.device}: cpu by default, gpu:N checked against what PyTorch sees, refused by key. */
class TrainingDeviceSettingTest {

    @Test
    void theDefaultIsTheCpuAndAGpuIsReadAsOne() {
        assertThat(TrainingDeviceSetting.of(Scenarios.of(""))).isEqualTo(Device.cpu());
        assertThat(TrainingDeviceSetting.available(Scenarios.of("lorasim.training.device = \"gpu:1\""), () -> 2))
                .isEqualTo(Device.gpu(1));
    }

    @Test
    void aValueThatIsNoDeviceIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TrainingDeviceSetting.of(Scenarios.of("lorasim.training.device = tpu")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.training.device")
                .hasMessageContaining("device 'tpu' is not 'cpu' or 'gpu:N'");
    }

    @Test
    void aGpuThisMachineLacksIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> TrainingDeviceSetting.available(Scenarios.of("lorasim.training.device = \"gpu:0\""),
                () -> 0))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.training.device")
                .hasMessageContaining("device gpu:0 is not available: PyTorch sees 0 GPU(s)");
    }

    @Test
    void aTrainedRunOnAGpuPyTorchDoesNotSeeFailsBeforeAnythingRuns() {
        // Prepare: this machine's PyTorch sees no GPU beyond those it has
        int gpus = org.lorasim.training.djl.TrainingDevices.gpuCount();
        String missing = "gpu:" + gpus;
        RecordingListener listener = new RecordingListener();

        // Execute / Assert
        assertThatThrownBy(() -> Simulation.run(Scenarios.of("""
                lorasim.run.rounds = 1
                lorasim.clients.count = 2
                lorasim.training.device = "%s"
                """.formatted(missing)), listener, null))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.training.device")
                .hasMessageContaining("device " + missing + " is not available: PyTorch sees " + gpus + " GPU(s)");
        assertThat(listener.rounds).isEmpty();
    }
}
