package org.lorasim.training.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.training.model.FloatTensor;

/**
 * Reads and writes the safetensors format (Hugging Face): a little-endian u64 header length {@code N},
 * {@code N} bytes of JSON mapping each tensor name to {@code dtype}, {@code shape} and
 * {@code data_offsets [begin, end)} relative to the data that follows the header (plus an optional
 * {@code __metadata__} object), then the raw little-endian data. Tensors of {@link SafetensorsDtype} are
 * converted to float32 on reading. Errors name the file and the tensor.
 */
public final class SafetensorsFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsFile() {
    }

    /** Every tensor of {@code file} as float32, by name, in header order. */
    public static Map<String, FloatTensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IllegalArgumentException(file + ": " + size + " bytes, too short for a safetensors header");
            }
            long headerLength = read(ch, 0, 8).getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new IllegalArgumentException(file + ": header length " + headerLength + " does not fit a file of "
                        + size + " bytes (truncated, or not a safetensors file)");
            }
            ByteBuffer headerBytes = read(ch, 8, Math.toIntExact(headerLength));
            JsonNode header = JSON.readTree(StandardCharsets.UTF_8.decode(headerBytes).toString());
            long dataStart = 8 + headerLength;
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("__metadata__")) {
                    out.put(e.getKey(), tensor(ch, file, e.getKey(), e.getValue(), dataStart, size));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static FloatTensor tensor(FileChannel ch, Path file, String name, JsonNode info, long dataStart, long size)
            throws IOException {
        String where = file + ": tensor '" + name + "'";
        String dtypeName = info.path("dtype").asText();
        SafetensorsDtype dtype = SafetensorsDtype.byName(dtypeName);
        if (dtype == null) {
            throw new IllegalArgumentException(where + " has dtype '" + dtypeName + "'; supported: F32, F16, BF16");
        }
        JsonNode shapeNode = info.path("shape");
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            count *= shape[i];
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end < begin || end - begin != count * dtype.bytes()) {
            throw new IllegalArgumentException(where + " has data_offsets [" + begin + ", " + end + "] for shape "
                    + shapeNode + " of " + dtype + " (" + count * dtype.bytes() + " bytes)");
        }
        if (dataStart + end > size) {
            throw new IllegalArgumentException(where + " ends at byte " + (dataStart + end) + " but the file has "
                    + size + " (truncated)");
        }
        ByteBuffer data = read(ch, dataStart + begin, Math.toIntExact(end - begin));
        float[] v = new float[Math.toIntExact(count)];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.read(data);
        }
        return new FloatTensor(name, shape, v);
    }

    private static ByteBuffer read(FileChannel ch, long at, int bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (at + buf.position()));
            }
        }
        return buf.flip();
    }

    /** Writes {@code tensors} (in this order) as {@code dtype}. */
    public static void write(Path file, List<FloatTensor> tensors, SafetensorsDtype dtype) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (FloatTensor t : tensors) {
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", dtype.name());
            var shape = info.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long bytes = (long) t.values().length * dtype.bytes();
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] json = JSON.writeValueAsBytes(header);
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            writeFully(ch, head.flip());
            for (FloatTensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.values().length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : t.values()) {
                    dtype.write(data, v);
                }
                writeFully(ch, data.flip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
