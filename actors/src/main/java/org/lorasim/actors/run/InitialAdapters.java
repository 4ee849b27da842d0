package org.lorasim.actors.run;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.LoraLinear;
import org.lorasim.training.model.LoraSpec;

/**
 * The starting adapter of a run without a loaded model (system-only): the layout the trainer would make for
 * all-MiniLM-L6-v2 with {@code lorasim.model} (matrices {@code layer.<i>.attention.<query|key|value|output>}
 * and {@code layer.<i>.ffn.<in|out>}, a {@code classes}-wide head), with {@code A ~ U(-1/sqrt(in), 1/sqrt(in))},
 * {@code B = 0} and a uniform head, drawn from {@code seed}. Its values matter only for checksums; its layout
 * and size drive the FLOP model and the bytes on the links.
 */
public final class InitialAdapters {

    private InitialAdapters() {
    }

    /** The feed-forward targets: the encoder's in and out, the decoder's gate, up and down. */
    private static final java.util.Set<String> FFN = java.util.Set.of("in", "out", "gate", "up", "down");

    /**
     * The LoRA spec of {@code model}: its rank, alpha and targets as a name pattern over the matrices
     * {@code layer.<i>.attention.<query|key|value|output>} and {@code layer.<i>.ffn.<target>}, which the encoder
     * and the decoder name alike.
     */
    static LoraSpec spec(RunSettings.Model model) {
        List<String> attention = model.targets().stream().filter(t -> !FFN.contains(t)).toList();
        List<String> ffn = model.targets().stream().filter(FFN::contains).toList();
        StringBuilder pattern = new StringBuilder("layer\\.\\d+\\.(");
        String sep = "";
        if (!attention.isEmpty()) {
            pattern.append("attention\\.(").append(String.join("|", attention)).append(')');
            sep = "|";
        }
        if (!ffn.isEmpty()) {
            pattern.append(sep).append("ffn\\.(").append(String.join("|", ffn)).append(')');
        }
        return LoraSpec.of(model.rank(), model.alpha(), pattern.append(')').toString());
    }

    public static Adapter synthetic(MiniLmConfig config, RunSettings.Model model, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            for (String target : model.targets()) {
                boolean ffn = target.equals("in") || target.equals("out");
                int in = target.equals("out") ? config.intermediate() : config.hidden();
                int out = target.equals("in") ? config.intermediate() : config.hidden();
                float[] a = LoraLinear.uniform(random, model.rank() * in, 1 / Math.sqrt(in));
                lora.put("layer." + layer + (ffn ? ".ffn." : ".attention.") + target,
                        new LoraFactors(model.rank(), in, out, a, new float[out * model.rank()], model.alpha(),
                                LoraScaling.STANDARD));
            }
        }
        float[] head = LoraLinear.uniform(random, classes * config.hidden(), 1 / Math.sqrt(config.hidden()));
        return new Adapter(lora, Map.of("head.weight", new DenseTensor(new int[] {classes, config.hidden()}, head),
                "head.bias", DenseTensor.zeros(classes)));
    }
}
