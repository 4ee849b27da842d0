package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.training.model.FloatTensor;
import org.lorasim.training.model.LoraSpec;

/** Hugging Face folders (config.json + sharded safetensors) that the test writes, in each dtype. */
class HfLlamaCheckpointTest {
    @TempDir
    Path dir;

    private static float[][] logits(LlamaWeights w) {
        try (LlamaBase base = new LlamaBase(w); LlamaModel m = new LlamaModel(base, LoraSpec.none(),
                new SplittableRandom(0))) {
            return m.logits(new int[][] {LlamaModelTest.TOKENS}, base.manager());
        }
    }

    @Test
    void float32ShardsGiveTheLogitsOfTheLlama2cFileBitForBit() {
        // Prepare: a llama2.c file, read back, then written as 3 F32 shards with an index
        Path bin = dir.resolve("tiny.bin");
        Llama2cCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(4)), bin);
        LlamaWeights fromBin = Llama2cCheckpoint.read(bin);
        Path hf = dir.resolve("hf");

        // Execute
        HfLlamaCheckpoint.write(fromBin, hf, SafetensorsDtype.F32, 3);
        LlamaWeights fromHf = HfLlamaCheckpoint.read(hf);

        // Assert: the query/key permutation is undone exactly, the logits are identical
        assertThat(hf.resolve(HfLlamaCheckpoint.INDEX)).exists();
        assertThat(hf.resolve("model-00003-of-00003.safetensors")).exists();
        assertThat(fromHf.config()).isEqualTo(fromBin.config());
        assertThat(fromHf.tensors()).isEqualTo(fromBin.tensors());
        float[][] a = logits(fromBin);
        float[][] b = logits(fromHf);
        for (int t = 0; t < a.length; t++) {
            assertThat(b[t]).containsExactly(a[t]);
        }
    }

    @Test
    void queryRowsAreStoredInTheHalfSplitRotaryOrder() {
        // Prepare: one head of size 4, in = 1: interleaved rows (x0, y0, x1, y1)
        float[] interleaved = {10, 11, 20, 21};

        // Execute
        float[] split = HfLlamaCheckpoint.permute(interleaved, 1, 4, 1, true);

        // Assert: Hugging Face holds (x0, x1, y0, y1), and the inverse restores the original
        assertThat(split).containsExactly(10, 20, 11, 21);
        assertThat(HfLlamaCheckpoint.permute(split, 1, 4, 1, false)).containsExactly(interleaved);
    }

    @ParameterizedTest
    @EnumSource(value = SafetensorsDtype.class, names = {"F16", "BF16"})
    void halfPrecisionFilesHoldTheRoundedWeightsAndNearlyTheSameLogits(SafetensorsDtype dtype) {
        // Prepare
        LlamaWeights w = LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(8));
        Path hf = dir.resolve(dtype.name());

        // Execute
        HfLlamaCheckpoint.write(w, hf, dtype, 1);
        LlamaWeights read = HfLlamaCheckpoint.read(hf);

        // Assert: each value is the nearest representable one (relative error <= 2^-11 for F16, 2^-8 for BF16)
        double tolerance = dtype == SafetensorsDtype.F16 ? 0x1p-11 : 0x1p-8;
        float[] original = w.get("layer.1.ffn.down").values();
        float[] rounded = read.get("layer.1.ffn.down").values();
        for (int i = 0; i < original.length; i++) {
            assertThat((double) rounded[i]).isCloseTo(original[i], within(Math.abs(original[i]) * tolerance + 1e-7));
        }
        assertThat(rounded).isNotEqualTo(original);
        float[][] a = logits(w);
        float[][] b = logits(read);
        assertThat(b[5]).containsExactly(a[5], within((float) (200 * tolerance)));
    }

    @Test
    void halfAndBfloatConversionsOfKnownValues() {
        assertThat(SafetensorsDtype.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(SafetensorsDtype.halfToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(SafetensorsDtype.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(SafetensorsDtype.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(SafetensorsDtype.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(SafetensorsDtype.floatToHalf(1f / 3)).isEqualTo((short) 0x3555);
        assertThat(SafetensorsDtype.floatToHalf(-65504f)).isEqualTo((short) 0xFBFF);
        assertThat(SafetensorsDtype.floatToHalf(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(SafetensorsDtype.floatToBfloat(1f / 3)).isEqualTo((short) 0x3EAB);
        assertThat(SafetensorsDtype.floatToBfloat(1f)).isEqualTo((short) 0x3F80);
    }

    @Test
    void anUnknownDtypeNamesTheFileAndTheTensor() throws IOException {
        // Prepare: one F64 tensor
        byte[] json = "{\"model.norm.weight\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).putDouble(1).putDouble(2);
        Path file = dir.resolve("f64.safetensors");
        Files.write(file, b.array());

        // Execute, Assert
        assertThatThrownBy(() -> SafetensorsFile.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("'model.norm.weight'").hasMessageContaining("dtype 'F64'");
    }

    @Test
    void aTruncatedShardNamesTheFileAndTheTensor() throws IOException {
        // Prepare
        Path hf = dir.resolve("cut");
        HfLlamaCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(1)), hf,
                SafetensorsDtype.BF16, 1);
        Path file = hf.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }

        // Execute, Assert: the last tensor written is lm_head
        assertThatThrownBy(() -> HfLlamaCheckpoint.read(hf)).hasMessageContaining(file.toString())
                .hasMessageContaining("'lm_head.weight'").hasMessageContaining("truncated");
    }

    @Test
    void wrongShapesAndMissingTensorsAreNamed() throws IOException {
        // Prepare: a config whose FFN is wider than the tensors, and a folder without lm_head
        Path hf = dir.resolve("shapes");
        HfLlamaCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(1)), hf,
                SafetensorsDtype.F32, 1);
        Path config = hf.resolve(HfLlamaCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"intermediate_size\" : 24",
                "\"intermediate_size\" : 32"));
        Path missing = dir.resolve("missing");
        LlamaWeights w = LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(1));
        HfLlamaCheckpoint.write(w, missing, SafetensorsDtype.F32, 1);
        List<FloatTensor> withoutHead = SafetensorsFile.read(missing.resolve("model.safetensors")).values().stream()
                .filter(t -> !t.name().equals("lm_head.weight")).toList();
        SafetensorsFile.write(missing.resolve("model.safetensors"), withoutHead, SafetensorsDtype.F32);

        // Execute, Assert
        assertThatThrownBy(() -> HfLlamaCheckpoint.read(hf)).hasMessageContaining("model.safetensors")
                .hasMessageContaining("'model.layers.0.mlp.gate_proj.weight' has shape [24, 16]")
                .hasMessageContaining("needs [32, 16]");
        assertThatThrownBy(() -> HfLlamaCheckpoint.read(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("'lm_head.weight' is missing");
    }

    @Test
    void aMissingTokenizerOrConfigIsNamed() {
        Path hf = dir.resolve("notok");
        HfLlamaCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(1)), hf,
                SafetensorsDtype.F32, 1);
        assertThatThrownBy(() -> HfTokenizer.read(hf)).hasMessageContaining(hf.resolve("tokenizer.json").toString())
                .hasMessageContaining("no tokenizer");
        assertThatThrownBy(() -> HfLlamaCheckpoint.read(dir.resolve("empty")))
                .hasMessageContaining(dir.resolve("empty").resolve("config.json").toString());
    }

    @Test
    void theFoldersTokenizerJsonEncodesAndDecodesWithConfigsBosAndEos() throws IOException {
        // Prepare: a word-level tokenizer.json beside the checkpoint
        Path hf = dir.resolve("withtok");
        HfLlamaCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(1)), hf,
                SafetensorsDtype.F32, 1);
        Files.writeString(hf.resolve(HfLlamaCheckpoint.TOKENIZER), """
                {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [], "normalizer": null,
                 "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "unk_token": "<unk>",
                           "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "hello": 3, "world": 4}}}
                """);

        // Execute
        HfTokenizer tok = HfTokenizer.read(hf);
        int[] ids = tok.encode("hello world", true, true);

        // Assert
        assertThat(ids).containsExactly(1, 3, 4, 2);
        assertThat(tok.vocabSize()).isEqualTo(LlamaModelTest.TINY.vocabSize());
        assertThat(tok.decode(new int[] {3, 4}, 1)).isEqualTo("hello world");
    }
}
