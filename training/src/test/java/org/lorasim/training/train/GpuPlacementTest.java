package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Training placed on {@code gpu:0}: the base's arrays and the LoRA factors live there, a short training ends with
 * finite losses and Java-side results of the CPU run's form and close to its values (GPU kernels round differently,
 * so not bit-identical). Runs only where PyTorch sees a GPU (the {@code -Pcuda} build on a GPU machine; the command is
 * in docs/cluster.md, "A GPU trainer node"); skipped elsewhere, the one skip of the suite on a CPU-only machine.
 */
class GpuPlacementTest {

    @BeforeEach
    void needsAGpu() {
        assumeTrue(TrainingDevices.gpuCount() > 0, "PyTorch sees no GPU (CPU natives or no CUDA device)");
    }

    @Test
    void aDecoderTrainsOnGpu0WithItsArraysThere() {
        // Prepare
        LlamaWeights weights = LlamaWeights.random(LlamaConfig.llama2c(16, 32, 1, 2, 1, 64, 32, true),
                new SplittableRandom(5));
        List<CausalLmExample> texts = List.of(CausalLmExample.text(new int[] {1, 5, 9, 13, 17, 21, 2}),
                CausalLmExample.text(new int[] {1, 7, 11, 3, 19, 2}));
        LoraSpec spec = LoraSpec.of(2, 4, "layer\\.\\d+\\.attention\\.(query|value)");
        try (LlamaBase onGpu = new LlamaBase(weights, Device.gpu(0)); LlamaBase onCpu = new LlamaBase(weights, Device.cpu());
             CausalLmTrainer gpu = new CausalLmTrainer(onGpu); CausalLmTrainer cpu = new CausalLmTrainer(onCpu);
             LlamaModel model = new LlamaModel(onGpu, spec, new SplittableRandom(1))) {
            CausalLmRequest request = new CausalLmRequest(cpu.initialAdapter(spec, 4), texts, 3, 2,
                    OptimizerSettings.adamW(1e-2, 0), 16, 0.0, 8, 0.0, null);

            // Execute
            TrainingResult onDevice = gpu.train(request);
            TrainingResult reference = cpu.train(request);

            // Assert
            assertThat(onGpu.device()).isEqualTo(Device.gpu(0));
            assertThat(onGpu.get(LlamaWeights.EMBEDDING).getDevice()).isEqualTo(Device.gpu(0));
            assertThat(model.trainableArrays()).isNotEmpty().extracting(NDArray::getDevice).containsOnly(Device.gpu(0));
            assertThat(onDevice.stepLosses()).hasSize(3).allMatch(Double::isFinite);
            assertThat(onDevice.adapter().sameLayout(reference.adapter())).isTrue();
            float[] a = onDevice.adapter().flatten();
            float[] b = reference.adapter().flatten();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("adapter value %d", i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void theEncoderTrainsOnGpu0WithItsArraysThere() {
        try (BaseModel onGpu = BaseModel.allMiniLmL6V2(DjlEngine.newManager(Device.gpu(0)));
             Trainer trainer = new Trainer(onGpu)) {
            // Prepare
            TrainingRequest request = TrainingRequest.builder(trainer.initialAdapter(LoraSpec.queryValue(4, 8), 2, 3),
                    TrainFixture.trainSample(16, 17)).steps(2).batchSize(8).maxLength(24).seed(9).build();

            // Execute
            TrainingResult result = trainer.train(request);

            // Assert
            assertThat(onGpu.device()).isEqualTo(Device.gpu(0));
            assertThat(trainer.device()).isEqualTo(Device.gpu(0));
            assertThat(result.stepLosses()).hasSize(2).allMatch(Double::isFinite);
            assertThat(result.adapter().sameLayout(request.adapter())).isTrue();
        }
    }
}
