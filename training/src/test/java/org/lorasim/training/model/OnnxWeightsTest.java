package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OnnxWeightsTest {

    /** Writes protobuf messages by hand: the ONNX field numbers, nothing else. */
    private static final class Proto {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        Proto string(int field, String value) throws IOException {
            out.writeString(field, value);
            return this;
        }

        Proto int64(int field, long value) throws IOException {
            out.writeInt64(field, value);
            return this;
        }

        Proto int32(int field, int value) throws IOException {
            out.writeInt32(field, value);
            return this;
        }

        Proto raw(int field, byte[] value) throws IOException {
            out.writeByteArray(field, value);
            return this;
        }

        Proto packedDims(long... dims) throws IOException {
            int size = 0;
            for (long d : dims) {
                size += CodedOutputStream.computeInt64SizeNoTag(d);
            }
            out.writeTag(1, 2);
            out.writeUInt32NoTag(size);
            for (long d : dims) {
                out.writeInt64NoTag(d);
            }
            return this;
        }

        Proto packedFloats(int field, float... values) throws IOException {
            out.writeTag(field, 2);
            out.writeUInt32NoTag(4 * values.length);
            for (float v : values) {
                out.writeFloatNoTag(v);
            }
            return this;
        }

        Proto message(int field, Proto inner) throws IOException {
            out.writeByteArray(field, inner.bytes());
            return this;
        }

        byte[] bytes() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static Proto matMul(String name, String weight) throws IOException {
        return new Proto().string(1, "x").string(1, weight).string(2, "y").string(3, name).string(4, "MatMul");
    }

    private static Proto rawTensor(String name, float[] values, long... dims) throws IOException {
        Proto t = new Proto();
        for (long d : dims) {
            t.int64(1, d);
        }
        return t.int32(2, 1).string(8, name).raw(9, littleEndian(values));
    }

    private static OnnxWeights parse(Proto graph) throws IOException {
        byte[] model = new Proto().int64(1, 8).string(2, "pytorch").message(7, graph).bytes();
        return OnnxWeights.read(new ByteArrayInputStream(model));
    }

    @Test
    void matMulWeightIsRenamedAndTransposedToOutIn() throws IOException {
        // Prepare: an [in = 2, out = 3] weight 1..6, row-major: rows (1 2 3) and (4 5 6)
        Proto graph = new Proto()
                .message(1, matMul("/encoder/layer.0/attention/self/query/MatMul", "onnx::MatMul_7"))
                .message(5, rawTensor("onnx::MatMul_7", new float[] {1, 2, 3, 4, 5, 6}, 2, 3));

        // Execute
        OnnxWeights w = parse(graph);

        // Assert: torch layout [out = 3, in = 2] holds the columns: (1 4), (2 5), (3 6)
        FloatTensor t = w.require("encoder.layer.0.attention.self.query.weight");
        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(t.values()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(w.tensors()).doesNotContainKey("onnx::MatMul_7");
    }

    @Test
    void namedTensorsKeepNameAndLayoutAndOtherTypesAreSkipped() throws IOException {
        // Prepare: a bias given as packed float_data (field 4), an int64 tensor (data_type 7), and
        // dims written packed
        Proto bias = new Proto().int64(1, 3).int32(2, 1).string(8, "encoder.layer.0.output.dense.bias")
                .packedFloats(4, 0.5f, -1f, 2f);
        Proto ids = new Proto().int64(1, 2).int32(2, 7).string(8, "embeddings.position_ids");
        Proto matrix = new Proto().packedDims(2, 2).int32(2, 1).string(8, "embeddings.LayerNorm.weight")
                .raw(9, littleEndian(1, 2, 3, 4));
        Proto graph = new Proto().message(5, bias).message(5, ids).message(5, matrix);

        // Execute
        OnnxWeights w = parse(graph);

        // Assert
        assertThat(w.require("encoder.layer.0.output.dense.bias").values()).containsExactly(0.5f, -1f, 2f);
        assertThat(w.require("embeddings.LayerNorm.weight").shape()).containsExactly(2, 2);
        assertThat(w.require("embeddings.LayerNorm.weight").values()).containsExactly(1, 2, 3, 4);
        assertThat(w.skipped()).containsExactly("embeddings.position_ids");
        assertThat(w.valueCount()).isEqualTo(3 + 4);
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        // Prepare
        OnnxWeights w = parse(new Proto().message(5, rawTensor("a.bias", new float[] {1}, 1)));

        // Execute / Assert
        assertThatThrownBy(() -> w.require("encoder.layer.9.attention.self.query.weight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'encoder.layer.9.attention.self.query.weight'")
                .hasMessageContaining("a.bias");
    }

    @Test
    void missingResourceIsNamed() {
        assertThatThrownBy(() -> OnnxWeights.fromResource("/no-such-model.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/no-such-model.onnx'")
                .hasMessageContaining("not on the classpath");
    }

    @Test
    void streamWithoutGraphIsRejected() {
        assertThatThrownBy(() -> OnnxWeights.read(new ByteArrayInputStream(new Proto().int64(1, 8).bytes())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no graph");
    }

    @Test
    void rawDataOfWrongLengthIsRejected() throws IOException {
        // Prepare: dims 2 x 2 need 16 bytes, the tensor carries 12
        Proto graph = new Proto().message(5, rawTensor("w", new float[] {1, 2, 3}, 2, 2));

        // Execute / Assert
        assertThatThrownBy(() -> parse(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'w'")
                .hasMessageContaining("12 raw bytes, expected 16");
    }

    @Test
    void matMulNodeWithoutAModulePathIsRejected() throws IOException {
        // Prepare
        Proto graph = new Proto().message(1, matMul("MatMul_12", "onnx::MatMul_3"))
                .message(5, rawTensor("onnx::MatMul_3", new float[] {1, 2}, 1, 2));

        // Execute / Assert
        assertThatThrownBy(() -> parse(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MatMul node 'MatMul_12'")
                .hasMessageContaining("cannot name its weight");
    }

    @Test
    void weightSharedByTwoMatMulsIsRejected() throws IOException {
        // Prepare
        Proto graph = new Proto()
                .message(1, matMul("/a/MatMul", "onnx::MatMul_3"))
                .message(1, matMul("/b/MatMul", "onnx::MatMul_3"))
                .message(5, rawTensor("onnx::MatMul_3", new float[] {1, 2}, 1, 2));

        // Execute / Assert
        assertThatThrownBy(() -> parse(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'onnx::MatMul_3' feeds two MatMul nodes, '/a/MatMul' and '/b/MatMul'");
    }

    @Test
    void transposingTwiceGivesTheTensorBack() {
        // Property over random shapes and values
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare
            int rows = 1 + random.nextInt(9);
            int cols = 1 + random.nextInt(9);
            float[] v = new float[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
            }
            FloatTensor t = new FloatTensor("t", new int[] {rows, cols}, v);

            // Execute
            FloatTensor once = t.transposed("u");
            FloatTensor twice = once.transposed("t");

            // Assert
            assertThat(twice).isEqualTo(t);
            int r = random.nextInt(rows);
            int c = random.nextInt(cols);
            assertThat(once.values()[c * rows + r]).isEqualTo(v[r * cols + c]);
        }
    }

    @Test
    void miniLmFileHasEveryTensorTheConfigNeeds() {
        // Execute
        OnnxWeights w = OnnxWeights.fromResource(MiniLmWeights.MINILM_ONNX_RESOURCE);

        // Assert: 5 embedding tensors + 6 layers x 16 = 101 float tensors, 22,565,376 values (the 22.57M
        // of STACK.md), all 36 linear weights renamed, position ids skipped
        assertThat(w.tensors()).hasSize(101);
        assertThat(w.valueCount()).isEqualTo(22_565_376L);
        assertThat(w.tensors().keySet()).noneMatch(n -> n.startsWith("onnx::"));
        assertThat(w.skipped()).containsExactly("embeddings.position_ids");
        MiniLmWeights.expectedShapes(MiniLmConfig.allMiniLmL6V2()).forEach((name, shape) ->
                assertThat(w.require(name).shape()).as(name)
                        .containsExactly(java.util.Arrays.stream(shape).mapToInt(Math::toIntExact).toArray()));
    }
}
