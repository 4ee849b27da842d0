package org.lorasim.training.llama;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.training.model.FloatTensor;

/**
 * Reads and writes llama2.c's legacy checkpoint ({@code export.py} version 0, the format of
 * {@code stories260K.bin}): seven little-endian int32 {@code dim, hidden_dim, n_layers, n_heads,
 * n_kv_heads, vocab_size, seq_len} ({@code vocab_size < 0} means an untied output layer), then float32
 * arrays in this order, each stacked over layers: token embedding {@code [vocab, dim]}, attention RMSNorm
 * weights, {@code wq}, {@code wk}, {@code wv}, {@code wo}, FFN RMSNorm weights, {@code w1} (gate),
 * {@code w2} (down), {@code w3} (up), the final RMSNorm weight, two unused rotary tables of
 * {@code seq_len * head_size / 2} floats each, and the output matrix {@code [vocab, dim]} when untied.
 * Matrices are {@code [out, in]} row-major, rotary pairs interleaved, as {@link LlamaWeights} holds them.
 */
public final class Llama2cCheckpoint {
    private static final int HEADER_INTS = 7;
    private static final String ROPE_TABLES = "freq_cis_real and freq_cis_imag";

    private Llama2cCheckpoint() {
    }

    private record Entry(String name, int[] shape) {
        long floats() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    /** The tensors of {@code c} in file order; the rotary tables appear as one entry named {@value #ROPE_TABLES}. */
    private static List<Entry> layout(LlamaConfig c) {
        Map<String, int[]> shapes = LlamaWeights.expectedShapes(c);
        List<Entry> out = new ArrayList<>();
        out.add(new Entry(LlamaWeights.EMBEDDING, shapes.get(LlamaWeights.EMBEDDING)));
        for (String kind : List.of("attention_norm", "attention.query", "attention.key", "attention.value",
                "attention.output", "ffn_norm", "ffn.gate", "ffn.down", "ffn.up")) {
            for (int i = 0; i < c.layers(); i++) {
                String name = LlamaWeights.layerPrefix(i) + kind;
                out.add(new Entry(name, shapes.get(name)));
            }
        }
        out.add(new Entry(LlamaWeights.FINAL_NORM, shapes.get(LlamaWeights.FINAL_NORM)));
        out.add(new Entry(ROPE_TABLES, new int[] {2, c.seqLen(), c.headSize() / 2}));
        if (!c.tiedOutput()) {
            out.add(new Entry(LlamaWeights.OUTPUT, shapes.get(LlamaWeights.OUTPUT)));
        }
        return out;
    }

    /**
     * Reads {@code file}. Throws an IllegalArgumentException naming the file and the tensor where it ends
     * early, or naming the header field that is out of range.
     */
    public static LlamaWeights read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            LlamaConfig config = header(ch, file);
            Map<String, FloatTensor> tensors = new LinkedHashMap<>();
            long offset = HEADER_INTS * 4L;
            for (Entry e : layout(config)) {
                long bytes = e.floats() * Float.BYTES;
                if (offset + bytes > size) {
                    throw new IllegalArgumentException(file + ": truncated at tensor '" + e.name() + "': it needs bytes "
                            + offset + ".." + (offset + bytes) + ", the file has " + size + " (config " + config + ")");
                }
                if (!e.name().equals(ROPE_TABLES)) {
                    float[] v = new float[Math.toIntExact(e.floats())];
                    readFully(ch, offset, Math.toIntExact(bytes), file, e.name()).asFloatBuffer().get(v);
                    tensors.put(e.name(), new FloatTensor(e.name(), e.shape(), v));
                }
                offset += bytes;
            }
            if (offset != size) {
                throw new IllegalArgumentException(file + ": " + (size - offset) + " bytes after the last tensor; the "
                        + "header " + config + " does not describe this file");
            }
            return new LlamaWeights(config, tensors, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read llama2.c checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shapes in {@code file}'s 28-byte header, without reading the weights (what a node that only simulates the
     * clients' training time needs). Throws as {@link #read} for a short file or a header out of range.
     */
    public static LlamaConfig readConfig(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read llama2.c checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static LlamaConfig header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size < HEADER_INTS * 4L) {
            throw new IllegalArgumentException(file + ": " + size + " bytes, too short for the 28-byte llama2.c header");
        }
        ByteBuffer header = readFully(ch, 0, HEADER_INTS * 4, file, "header");
        int[] h = new int[HEADER_INTS];
        for (int i = 0; i < HEADER_INTS; i++) {
            h[i] = header.getInt();
        }
        try {
            return LlamaConfig.llama2c(h[0], h[1], h[2], h[3], h[4], Math.abs(h[5]), h[6], h[5] > 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": header " + java.util.Arrays.toString(h)
                    + " is not a llama2.c checkpoint: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long at, int bytes, Path file, String what) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IllegalArgumentException(file + ": truncated in " + what);
            }
        }
        return buf.flip();
    }

    /** Writes {@code w} in the same format (rotary tables as zeros, which llama2.c ignores). */
    public static void write(LlamaWeights w, Path file) {
        LlamaConfig c = w.config();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_INTS * 4).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(c.dim()).putInt(c.hiddenDim()).putInt(c.layers()).putInt(c.heads()).putInt(c.kvHeads())
                    .putInt(c.tiedOutput() ? c.vocabSize() : -c.vocabSize()).putInt(c.seqLen());
            writeFully(ch, header.flip());
            for (Entry e : layout(c)) {
                float[] v = e.name().equals(ROPE_TABLES) ? new float[Math.toIntExact(e.floats())] : w.get(e.name()).values();
                ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(v);
                writeFully(ch, buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write llama2.c checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
