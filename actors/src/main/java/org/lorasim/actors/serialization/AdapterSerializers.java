package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import java.util.Map;
import java.util.TreeMap;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Compact wire formats of the adapter value types of {@code org.lorasim.policies.adapter}. Counts and
 * shapes are positive variable-length ints, names UTF-8 strings, alpha and weights 8-byte doubles, tensor
 * values raw float32 bits ({@link RawFloats}) with no length prefix, since the shape gives the count. An
 * adapter of {@code n} floats therefore takes {@code 4 n} bytes plus a few bytes a matrix.
 *
 * <pre>
 * LoraFactors   := rank in out alpha(double) scaling(ordinal) A(rank*in floats) B(out*rank floats)
 * DenseTensor   := ndim dim... values(product of dims floats)
 * Adapter       := nLora (name LoraFactors)... nDense (name DenseTensor)...   names in sorted order
 * WeightedAdapter := Adapter weight(double)
 * </pre>
 *
 * <p>{@link LoraScaling} is written by its ordinal: the enum's constant order is part of the wire format
 * (append new constants, never reorder).
 */
final class AdapterSerializers {
    private static final LoraScaling[] SCALINGS = LoraScaling.values();

    private AdapterSerializers() {
    }

    static final class LoraFactorsSerializer extends ImmutableSerializer<LoraFactors> {
        @Override
        public void write(Kryo kryo, Output output, LoraFactors f) {
            output.writeVarInt(f.rank(), true);
            output.writeVarInt(f.inFeatures(), true);
            output.writeVarInt(f.outFeatures(), true);
            output.writeDouble(f.alpha());
            output.writeVarInt(f.scaling().ordinal(), true);
            RawFloats.write(output, f.a());
            RawFloats.write(output, f.b());
        }

        @Override
        public LoraFactors read(Kryo kryo, Input input, Class<? extends LoraFactors> type) {
            int rank = input.readVarInt(true);
            int in = input.readVarInt(true);
            int out = input.readVarInt(true);
            double alpha = input.readDouble();
            int ordinal = input.readVarInt(true);
            if (ordinal >= SCALINGS.length) {
                throw new KryoException("unknown LoraScaling ordinal " + ordinal + "; this JVM knows " + SCALINGS.length);
            }
            float[] a = RawFloats.read(input, count("A of a LoraFactors", rank, in));
            float[] b = RawFloats.read(input, count("B of a LoraFactors", out, rank));
            return new LoraFactors(rank, in, out, a, b, alpha, SCALINGS[ordinal]);
        }
    }

    static final class DenseTensorSerializer extends ImmutableSerializer<DenseTensor> {
        @Override
        public void write(Kryo kryo, Output output, DenseTensor t) {
            int[] shape = t.shape();
            output.writeVarInt(shape.length, true);
            for (int d : shape) {
                output.writeVarInt(d, true);
            }
            RawFloats.write(output, t.values());
        }

        @Override
        public DenseTensor read(Kryo kryo, Input input, Class<? extends DenseTensor> type) {
            int[] shape = new int[input.readVarInt(true)];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = input.readVarInt(true);
                size = count("a DenseTensor", size, shape[i]);
            }
            return new DenseTensor(shape, RawFloats.read(input, size));
        }
    }

    static final class AdapterSerializer extends ImmutableSerializer<Adapter> {
        @Override
        public void write(Kryo kryo, Output output, Adapter adapter) {
            output.writeVarInt(adapter.lora().size(), true);
            for (Map.Entry<String, LoraFactors> e : adapter.lora().entrySet()) {
                output.writeString(e.getKey());
                kryo.writeObject(output, e.getValue());
            }
            output.writeVarInt(adapter.dense().size(), true);
            for (Map.Entry<String, DenseTensor> e : adapter.dense().entrySet()) {
                output.writeString(e.getKey());
                kryo.writeObject(output, e.getValue());
            }
        }

        @Override
        public Adapter read(Kryo kryo, Input input, Class<? extends Adapter> type) {
            TreeMap<String, LoraFactors> lora = new TreeMap<>();
            for (int n = input.readVarInt(true); n > 0; n--) {
                lora.put(input.readString(), kryo.readObject(input, LoraFactors.class));
            }
            TreeMap<String, DenseTensor> dense = new TreeMap<>();
            for (int n = input.readVarInt(true); n > 0; n--) {
                dense.put(input.readString(), kryo.readObject(input, DenseTensor.class));
            }
            return new Adapter(lora, dense);
        }
    }

    static final class WeightedAdapterSerializer extends ImmutableSerializer<WeightedAdapter> {
        @Override
        public void write(Kryo kryo, Output output, WeightedAdapter w) {
            kryo.writeObject(output, w.adapter());
            output.writeDouble(w.weight());
        }

        @Override
        public WeightedAdapter read(Kryo kryo, Input input, Class<? extends WeightedAdapter> type) {
            Adapter adapter = kryo.readObject(input, Adapter.class);
            return new WeightedAdapter(adapter, input.readDouble());
        }
    }

    private static int count(String what, int rows, int columns) {
        long n = (long) rows * columns;
        if (n > Integer.MAX_VALUE) {
            throw new KryoException("corrupt message: " + what + " of " + rows + " x " + columns + " values");
        }
        return (int) n;
    }
}
