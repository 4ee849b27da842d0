package org.lorasim.training.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.lorasim.training.model.FloatTensor;

/**
 * Reads and writes a Hugging Face {@code LlamaForCausalLM} folder: {@code config.json} ({@code hidden_size},
 * {@code intermediate_size}, {@code num_hidden_layers}, {@code num_attention_heads},
 * {@code num_key_value_heads} (default: heads), {@code vocab_size}, {@code max_position_embeddings},
 * {@code rms_norm_eps} (default 1e-6), {@code rope_theta} (default 10000), {@code tie_word_embeddings}
 * (default false)) and its weights in {@code model.safetensors}, or in the shards that
 * {@code model.safetensors.index.json}'s {@code weight_map} names (without an index, every
 * {@code *.safetensors} file of the folder), in F32, F16 or BF16.
 *
 * <p>Names map {@code model.embed_tokens.weight -> tok_embeddings}, {@code model.layers.i.input_layernorm ->
 * layer.i.attention_norm}, {@code self_attn.q_proj|k_proj|v_proj|o_proj -> attention.query|key|value|output},
 * {@code post_attention_layernorm -> ffn_norm}, {@code mlp.gate_proj|up_proj|down_proj ->
 * ffn.gate|up|down}, {@code model.norm -> norm}, {@code lm_head -> output}. Hugging Face stores the query
 * and key rows of each head permuted for its half-split rotary form ({@code rotate_half}: row
 * {@code s * headSize/2 + j} is the pair {@code j}'s component {@code s}); reading puts them back into the
 * interleaved order ({@code 2j + s}) of {@link LlamaWeights}, writing permutes them again.
 */
public final class HfLlamaCheckpoint {
    public static final String CONFIG = "config.json";
    public static final String INDEX = "model.safetensors.index.json";
    public static final String TOKENIZER = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HfLlamaCheckpoint() {
    }

    /** The Hugging Face name of each {@link LlamaWeights} tensor of {@code c}. */
    static Map<String, String> hfNames(LlamaConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LlamaWeights.EMBEDDING, "model.embed_tokens.weight");
        for (int i = 0; i < c.layers(); i++) {
            String p = LlamaWeights.layerPrefix(i);
            String h = "model.layers." + i + ".";
            m.put(p + "attention_norm", h + "input_layernorm.weight");
            m.put(p + "attention.query", h + "self_attn.q_proj.weight");
            m.put(p + "attention.key", h + "self_attn.k_proj.weight");
            m.put(p + "attention.value", h + "self_attn.v_proj.weight");
            m.put(p + "attention.output", h + "self_attn.o_proj.weight");
            m.put(p + "ffn_norm", h + "post_attention_layernorm.weight");
            m.put(p + "ffn.gate", h + "mlp.gate_proj.weight");
            m.put(p + "ffn.up", h + "mlp.up_proj.weight");
            m.put(p + "ffn.down", h + "mlp.down_proj.weight");
        }
        m.put(LlamaWeights.FINAL_NORM, "model.norm.weight");
        if (!c.tiedOutput()) {
            m.put(LlamaWeights.OUTPUT, "lm_head.weight");
        }
        return m;
    }

    /** Reads the folder {@code dir}; see the class comment. Errors name the file and the tensor. */
    public static LlamaWeights read(Path dir) {
        LlamaConfig config = readConfig(dir.resolve(CONFIG));
        Map<String, FloatTensor> hf = new LinkedHashMap<>();
        Map<String, Path> origin = new LinkedHashMap<>();
        for (Path shard : shards(dir)) {
            SafetensorsFile.read(shard).forEach((name, t) -> {
                hf.put(name, t);
                origin.put(name, shard);
            });
        }
        Map<String, int[]> shapes = LlamaWeights.expectedShapes(config);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : hfNames(config).entrySet()) {
            FloatTensor t = hf.get(e.getValue());
            if (t == null) {
                throw new IllegalArgumentException(dir + ": tensor '" + e.getValue() + "' is missing from "
                        + shards(dir).stream().map(p -> p.getFileName().toString()).toList());
            }
            int[] want = shapes.get(e.getKey());
            if (!Arrays.equals(t.shape(), want)) {
                throw new IllegalArgumentException(origin.get(e.getValue()) + ": tensor '" + e.getValue() + "' has shape "
                        + Arrays.toString(t.shape()) + ", " + CONFIG + " needs " + Arrays.toString(want));
            }
            float[] v = t.values();
            if (e.getKey().endsWith("attention.query")) {
                v = permute(v, config.heads(), config.headSize(), config.dim(), false);
            } else if (e.getKey().endsWith("attention.key")) {
                v = permute(v, config.kvHeads(), config.headSize(), config.dim(), false);
            }
            tensors.put(e.getKey(), new FloatTensor(e.getKey(), want, v));
        }
        return new LlamaWeights(config, tensors, dir.toString());
    }

    /**
     * Rows of a {@code [heads * headSize, in]} matrix between the interleaved and the half-split rotary
     * layouts: interleaved row {@code h*headSize + 2j + s} is half-split row {@code h*headSize + s*headSize/2 + j}.
     */
    static float[] permute(float[] w, int heads, int headSize, int in, boolean toHalfSplit) {
        float[] out = new float[w.length];
        int half = headSize / 2;
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < half; j++) {
                for (int s = 0; s < 2; s++) {
                    int interleaved = h * headSize + 2 * j + s;
                    int split = h * headSize + s * half + j;
                    int from = toHalfSplit ? interleaved : split;
                    int to = toHalfSplit ? split : interleaved;
                    System.arraycopy(w, from * in, out, to * in, in);
                }
            }
        }
        return out;
    }

    static LlamaConfig readConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist: a Hugging Face Llama folder needs its " + CONFIG);
        }
        try {
            JsonNode c = JSON.readTree(file.toFile());
            int heads = required(c, file, "num_attention_heads");
            return new LlamaConfig(required(c, file, "hidden_size"), required(c, file, "intermediate_size"),
                    required(c, file, "num_hidden_layers"), heads, c.path("num_key_value_heads").asInt(heads),
                    required(c, file, "vocab_size"), required(c, file, "max_position_embeddings"),
                    c.path("tie_word_embeddings").asBoolean(false), c.path("rms_norm_eps").asDouble(1e-6),
                    c.path("rope_theta").asDouble(10000));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static int required(JsonNode c, Path file, String key) {
        JsonNode n = c.get(key);
        if (n == null || !n.canConvertToInt()) {
            throw new IllegalArgumentException("'" + key + "' is missing or not an integer");
        }
        return n.asInt();
    }

    private static List<Path> shards(Path dir) {
        Path index = dir.resolve(INDEX);
        try {
            if (Files.isRegularFile(index)) {
                TreeSet<String> files = new TreeSet<>();
                for (Iterator<JsonNode> it = JSON.readTree(index.toFile()).path("weight_map").elements(); it.hasNext(); ) {
                    files.add(it.next().asText());
                }
                List<Path> out = new ArrayList<>();
                for (String f : files) {
                    Path p = dir.resolve(f);
                    if (!Files.isRegularFile(p)) {
                        throw new IllegalArgumentException(index + " names shard " + f + ", which does not exist");
                    }
                    out.add(p);
                }
                return out;
            }
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
                if (out.isEmpty()) {
                    throw new IllegalArgumentException(dir + " holds no *.safetensors file and no " + INDEX);
                }
                return out;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code w} into {@code dir} as {@code dtype}: {@code config.json} and one
     * {@code model.safetensors}, or with {@code shards > 1} that many {@code model-0000k-of-0000n.safetensors}
     * files (tensors dealt in order) and their index.
     */
    public static void write(LlamaWeights w, Path dir, SafetensorsDtype dtype, int shards) {
        LlamaConfig c = w.config();
        try {
            Files.createDirectories(dir);
            ObjectNode config = JSON.createObjectNode();
            config.putArray("architectures").add("LlamaForCausalLM");
            config.put("model_type", "llama").put("hidden_size", c.dim()).put("intermediate_size", c.hiddenDim())
                    .put("num_hidden_layers", c.layers()).put("num_attention_heads", c.heads())
                    .put("num_key_value_heads", c.kvHeads()).put("vocab_size", c.vocabSize())
                    .put("max_position_embeddings", c.seqLen()).put("rms_norm_eps", c.normEps())
                    .put("rope_theta", c.ropeTheta()).put("tie_word_embeddings", c.tiedOutput())
                    .put("torch_dtype", switch (dtype) {
                        case F32 -> "float32";
                        case F16 -> "float16";
                        case BF16 -> "bfloat16";
                    });
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(CONFIG).toFile(), config);
            List<FloatTensor> hf = new ArrayList<>();
            for (Map.Entry<String, String> e : hfNames(c).entrySet()) {
                FloatTensor t = w.get(e.getKey());
                float[] v = t.values();
                if (e.getKey().endsWith("attention.query")) {
                    v = permute(v, c.heads(), c.headSize(), c.dim(), true);
                } else if (e.getKey().endsWith("attention.key")) {
                    v = permute(v, c.kvHeads(), c.headSize(), c.dim(), true);
                }
                hf.add(new FloatTensor(e.getValue(), t.shape(), v));
            }
            if (shards <= 1) {
                SafetensorsFile.write(dir.resolve("model.safetensors"), hf, dtype);
                return;
            }
            ObjectNode index = JSON.createObjectNode();
            ObjectNode map = index.putObject("weight_map");
            int per = (hf.size() + shards - 1) / shards;
            for (int k = 0; k < shards; k++) {
                String name = String.format("model-%05d-of-%05d.safetensors", k + 1, shards);
                List<FloatTensor> part = hf.subList(Math.min(k * per, hf.size()), Math.min((k + 1) * per, hf.size()));
                SafetensorsFile.write(dir.resolve(name), part, dtype);
                part.forEach(t -> map.put(t.name(), name));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INDEX).toFile(), index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
