package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama2.c checkpoints and tokenizers: files the test writes, and the shared stories260K. */
class Llama2cFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWrittenCheckpointReadsBackTensorByTensor() {
        // Prepare
        LlamaWeights w = LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(2));
        Path file = dir.resolve("tiny.bin");

        // Execute
        Llama2cCheckpoint.write(w, file);
        LlamaWeights read = Llama2cCheckpoint.read(file);

        // Assert: 28-byte header, all tensors, the two rotary tables, untied output
        assertThat(read.config()).isEqualTo(w.config());
        assertThat(read.tensors()).isEqualTo(w.tensors());
        long floats = LlamaWeights.expectedShapes(w.config()).values().stream()
                .mapToLong(s -> s.length == 1 ? s[0] : (long) s[0] * s[1]).sum() + 24 * 2 * 2;
        assertThat(file).hasSize(28 + 4 * floats);
    }

    @Test
    void aTruncatedCheckpointNamesTheFileAndTheTensor() throws IOException {
        // Prepare: cut inside the last tensor (the untied output matrix)
        Path file = dir.resolve("cut.bin");
        Llama2cCheckpoint.write(LlamaWeights.random(LlamaModelTest.TINY, new SplittableRandom(2)), file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }

        // Execute, Assert
        assertThatThrownBy(() -> Llama2cCheckpoint.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated at tensor 'output'");
    }

    @Test
    void aHeaderThatIsNotLlamaIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("junk.bin");
        Files.write(file, "this is not a checkpoint at all, only text".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Llama2cCheckpoint.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("not a llama2.c checkpoint");
    }

    /** {@code <unk> <s> </s>}, 256 byte pieces, then {@code " ", "a", "b", "ab", " ab", " b"} with scores. */
    private Path tinyTokenizer() throws IOException {
        List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            pieces.add(String.format("<0x%02X>", b));
        }
        pieces.addAll(List.of(" ", "a", "b", "ab", " ab", " b"));
        float[] scores = new float[pieces.size()];
        scores[262] = 1f;
        scores[263] = 2f;
        scores[264] = -1f;
        ByteBuffer buf = ByteBuffer.allocate(8 + pieces.size() * 20).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(8);
        for (int i = 0; i < pieces.size(); i++) {
            byte[] b = pieces.get(i).getBytes(StandardCharsets.UTF_8);
            buf.putFloat(scores[i]).putInt(b.length).put(b);
        }
        Path file = dir.resolve("tok.bin");
        Files.write(file, java.util.Arrays.copyOf(buf.array(), buf.position()));
        return file;
    }

    @Test
    void encodeMergesTheBestScoredPairFirstAndFallsBackToBytes() throws IOException {
        // Prepare
        Llama2cTokenizer tok = Llama2cTokenizer.read(tinyTokenizer(), 265);

        // Execute
        int[] ab = tok.encode("ab", true, true);
        int[] accent = tok.encode("bé", false, false);

        // Assert: " "+"a"+"b" -> " "+"ab" (score 1) -> " ab" (score 2); " b" (score -1) exists but "é" is bytes
        assertThat(ab).containsExactly(1, 263, 2);
        assertThat(accent).containsExactly(264, 0xC3 + 3, 0xA9 + 3);
        assertThat(tok.decode(accent, Llama2cTokenizer.BOS)).isEqualTo("bé");
        assertThat(tok.decode(new int[] {263}, 5)).isEqualTo(" ab");
    }

    @Test
    void aMissingOrShortTokenizerIsNamed() throws IOException {
        Path missing = dir.resolve("tok512.bin");
        assertThatThrownBy(() -> Llama2cTokenizer.read(missing, 512)).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path tiny = tinyTokenizer();
        assertThatThrownBy(() -> Llama2cTokenizer.read(tiny, 300)).hasMessageContaining(tiny.toString())
                .hasMessageContaining("ends before token 265");
    }

    @Test
    void stories260KHasItsPublishedShapeAndRoundTripsText() {
        // Prepare
        LlamaWeights w = Stories260K.weights();
        Llama2cTokenizer tok = Stories260K.tokenizer(w);
        String text = "Lily's mom said, \"Don't worry!\" Ünïcode ☃ too.";

        // Execute
        int[] ids = tok.encode(text, true, false);

        // Assert: dim 64, 5 layers, 8 heads over 4 kv heads, vocab 512, tied (stories260K.md)
        assertThat(w.config()).isEqualTo(LlamaConfig.llama2c(64, 172, 5, 8, 4, 512, 512, true));
        assertThat(ids[0]).isEqualTo(Llama2cTokenizer.BOS);
        assertThat(ids.length).isLessThan(text.length());
        assertThat(tok.decode(java.util.Arrays.copyOfRange(ids, 1, ids.length), Llama2cTokenizer.BOS)).isEqualTo(text);
    }
}
