package org.lorasim.training.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.djl.DjlEngine;

/**
 * A child-JVM program for {@link QuietNativeOutputTest}: attaches LoRA to a hand-worked layer, writes new
 * factors into it (the path every client's adapter takes into the model), runs a forward and a backward, and
 * prints the output and A's gradient on standard output.
 */
public final class AdapterWriteProbe {
    private AdapterWriteProbe() {
    }

    public static void main(String[] args) {
        try (NDManager m = DjlEngine.newManager()) {
            LoraLinear l = new LoraLinear("layer.0.attention.query",
                    m.create(new float[] {1, 0, 2, 0, 1, -1}, new Shape(2, 3)), m.create(new float[] {0.5f, -0.5f}));
            l.attachLora(1, 2, LoraScaling.STANDARD, 0, new SplittableRandom(1), m);
            l.loadFactors(new LoraFactors(1, 3, 2, new float[] {1, 1, 0}, new float[] {2, -1}, 2,
                    LoraScaling.STANDARD));
            NDArray x = m.create(new float[] {1, 2, 3}, new Shape(1, 3));
            try (GradientCollector gc = Engine.getEngine(DjlEngine.ENGINE_NAME).newGradientCollector()) {
                NDArray y = l.forward(new ParameterStore(m, false), new NDList(x), true).head();
                System.out.println("y " + Arrays.toString(y.toFloatArray()));
                gc.backward(y.sum());
            }
            System.out.println("dA " + Arrays.toString(l.getParameters().get("lora_A").getArray().getGradient()
                    .toFloatArray()));
        }
    }
}
