package org.lorasim.actors.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.InstructionTemplate;
import org.lorasim.training.llama.CausalLmTrainer;
import org.lorasim.training.llama.DecoderCheckpoint;
import org.lorasim.training.llama.TinyLlama2c;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.ModelRef;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * A trainer node's slot trainer: each request trains over the base it names, on the slot's device; on the CPU the
 * outcomes are bit-for-bit those of the single JVM's trainers over the JVM's shared bases.
 */
class DeviceSlotTrainerTest {

    @TempDir
    Path dir;

    @Test
    void anEncoderRequestTrainsAsTheSingleJvmSlotDoes() {
        try (DeviceSlotTrainer slot = new DeviceSlotTrainer(Device.cpu())) {
            // Execute
            TrainingResult result = slot.train(SlotFixture.REQUEST_A);

            // Assert
            assertThat(slot.device()).isEqualTo(Device.cpu());
            assertThat(SharedBaseModel.get(Device.cpu()).device()).isEqualTo(Device.cpu());
            assertThat(result.adapter().flatten()).isEqualTo(SlotFixture.DIRECT_A.adapter().flatten());
            assertThat(result.stepLosses()).isEqualTo(SlotFixture.DIRECT_A.stepLosses());
        }
    }

    @Test
    void aDecoderRequestLoadsTheCheckpointItNamesOnTheSlotsDeviceOnce() throws Exception {
        // Prepare
        DecoderCheckpoint files = DecoderCheckpoint.locate(TinyLlama2c.write(dir.resolve("model")), Optional.empty());
        SharedDecoderBase.Loaded loaded = SharedDecoderBase.get(files, Device.cpu());
        Adapter start;
        try (CausalLmTrainer t = new CausalLmTrainer(loaded.base())) {
            start = t.initialAdapter(LoraSpec.of(2, 4, "layer\\.\\d+\\.attention\\.(query|value)"), 3);
        }
        List<Example> texts = List.of(new Example(InstructionTemplate.text("Fix: he go", "", "he goes"), 0),
                new Example("Once upon a time there was a pond.", 0));
        TrainingRequest request = TrainingRequest.builder(start, texts).steps(2).batchSize(2).maxLength(48)
                .optimizer(OptimizerSettings.adamW(1e-2, 0)).seed(4).model(ModelRef.decoder(files)).build();
        int loads = SharedDecoderBase.loads();

        // Execute
        TrainingResult onSlot;
        try (DeviceSlotTrainer slot = new DeviceSlotTrainer(Device.cpu())) {
            onSlot = slot.train(request);
            slot.train(request);
        }
        TrainingResult direct;
        try (SlotTrainer single = loaded.trainers().newTrainer()) {
            direct = single.train(request);
        }

        // Assert: the slot used the base already loaded on the CPU; the same outcome as the single JVM's trainer
        assertThat(SharedDecoderBase.loads()).isEqualTo(loads);
        assertThat(loaded.base().device()).isEqualTo(Device.cpu());
        assertThat(onSlot.adapter().flatten()).isEqualTo(direct.adapter().flatten());
        assertThat(onSlot.stepLosses()).isEqualTo(direct.stepLosses());
    }

    @Test
    void aDecoderCheckpointMissingOnThisMachineFailsNamingTheFile() {
        Path absent = dir.resolve("nowhere/model.bin").toAbsolutePath();
        ModelRef ref = new ModelRef(ModelRef.DECODER_KIND, absent.toString(), "");
        TrainingRequest request = SlotFixture.REQUEST_B;
        try (DeviceSlotTrainer slot = new DeviceSlotTrainer(Device.cpu())) {
            assertThatThrownBy(() -> slot.train(new TrainingRequest(request.adapter(), request.examples(),
                    request.steps(), request.epochs(), request.batchSize(), request.optimizer(), 0, null,
                    request.maxLength(), 0, "fp32", 1, ref)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(absent.toString()).hasMessageContaining("does not exist");
        }
    }
}
