package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.training.data.Example;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.djl.TrainingDevices;
import org.lorasim.training.llama.CausalLmExample;
import org.lorasim.training.llama.CausalLmRequest;
import org.lorasim.training.llama.CausalLmTrainer;
import org.lorasim.training.llama.LlamaBase;
import org.lorasim.training.llama.LlamaConfig;
import org.lorasim.training.llama.LlamaModel;
import org.lorasim.training.llama.LlamaWeights;
import org.lorasim.training.model.LoraSpec;

/**
 * A trainer runs on its base's device: a base placed on {@code cpu} explicitly keeps the trainer's arrays there and
 * gives bit-for-bit the results of the base on the engine's default device (the CPU on this build). A GPU that
 * PyTorch does not see is refused with a message naming it.
 */
class TrainerPlacementTest {
    private static final List<Example> SHARD = TrainFixture.trainSample(32, 17);

    @Test
    void anEncoderBaseOnTheCpuTrainsThereBitIdenticallyToTheDefaultBase() {
        try (BaseModel onCpu = BaseModel.allMiniLmL6V2(DjlEngine.newManager(Device.cpu()));
             Trainer placed = new Trainer(onCpu); Trainer usual = new Trainer(TrainFixture.BASE)) {
            // Prepare
            TrainingRequest request = TrainingRequest.builder(usual.initialAdapter(LoraSpec.queryValue(4, 8), 2, 3),
                    SHARD).steps(2).batchSize(8).maxLength(24).loraDropout(0.1).seed(9).build();

            // Execute
            TrainingResult a = placed.train(request);
            TrainingResult b = usual.train(request);

            // Assert
            assertThat(onCpu.device()).isEqualTo(Device.cpu());
            assertThat(onCpu.weights().manager().getDevice()).isEqualTo(Device.cpu());
            assertThat(placed.device()).isEqualTo(Device.cpu());
            assertThat(a.adapter().flatten()).isEqualTo(b.adapter().flatten());
            assertThat(a.stepLosses()).isEqualTo(b.stepLosses());
        }
    }

    @Test
    void aDecoderBaseOnTheCpuKeepsItsFactorsThereAndTrainsBitIdentically() {
        // Prepare
        LlamaWeights weights = LlamaWeights.random(LlamaConfig.llama2c(16, 32, 1, 2, 1, 64, 32, true),
                new SplittableRandom(5));
        List<CausalLmExample> texts = List.of(CausalLmExample.text(new int[] {1, 5, 9, 13, 17, 21, 2}),
                CausalLmExample.text(new int[] {1, 7, 11, 3, 19, 2}));
        LoraSpec spec = LoraSpec.of(2, 4, "layer\\.\\d+\\.attention\\.(query|value)");
        try (LlamaBase onCpu = new LlamaBase(weights, Device.cpu()); LlamaBase usual = new LlamaBase(weights);
             CausalLmTrainer placed = new CausalLmTrainer(onCpu); CausalLmTrainer other = new CausalLmTrainer(usual);
             LlamaModel model = new LlamaModel(onCpu, spec, new SplittableRandom(1))) {
            CausalLmRequest request = new CausalLmRequest(placed.initialAdapter(spec, 4), texts, 3, 2,
                    OptimizerSettings.adamW(1e-2, 0), 16, 0.0, 8, 0.0, null);

            // Execute
            TrainingResult a = placed.train(request);
            TrainingResult b = other.train(request);

            // Assert
            assertThat(onCpu.device()).isEqualTo(Device.cpu());
            assertThat(model.trainableArrays()).isNotEmpty().extracting(NDArray::getDevice).containsOnly(Device.cpu());
            assertThat(a.adapter().flatten()).isEqualTo(b.adapter().flatten());
            assertThat(a.stepLosses()).isEqualTo(b.stepLosses());
        }
    }

    @Test
    void aGpuThisMachineLacksIsRefusedByName() {
        assertThatThrownBy(() -> TrainingDevices.requireAvailable(Device.gpu(0), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("device gpu:0 is not available: PyTorch sees 0 GPU(s) (a build without -Pcuda has only the"
                        + " CPU natives)");
        assertThatThrownBy(() -> TrainingDevices.requireAvailable(Device.gpu(2), 2))
                .hasMessageStartingWith("device gpu:2 is not available: PyTorch sees 2 GPU(s)");
        TrainingDevices.requireAvailable(Device.gpu(1), 2);
        TrainingDevices.requireAvailable(Device.cpu(), 0);
        assertThat(TrainingDevices.parse(" gpu:3 ")).isEqualTo(Device.gpu(3));
        assertThat(TrainingDevices.name(TrainingDevices.parse("cpu"))).isEqualTo("cpu");
        assertThatThrownBy(() -> TrainingDevices.parse("cuda0")).hasMessage("device 'cuda0' is not 'cpu' or 'gpu:N'"
                + " (N = 0, 1, ...)");
    }
}
