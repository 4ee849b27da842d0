package org.lorasim.actors.aggregator;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.lorasim.actors.serialization.KryoRegistrar;
import org.lorasim.actors.serialization.KryoRegistration;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.aggregation.FlexLoraState;
import org.lorasim.policies.centralized.GlobalState;
import org.lorasim.policies.linalg.TruncatedSvd;

/**
 * Kryo rows for the aggregator's round checkpoint ({@link CheckpointCodec}): {@link GlobalState} (a record)
 * and FlexLoRA's SVD state, whose class has no no-argument constructor, hence its own wire format:
 * <pre>
 * FlexLoraState := nMatrices (name rows cols rank U(rows*rank doubles) S(rank doubles) Vt(rank*cols doubles)
 *                  alpha(double) scaling(ordinal))... nDense (name DenseTensor)...   names sorted
 * </pre>
 * Ids 1330-1339 of the aggregator's range.
 */
public final class CheckpointRegistrar implements KryoRegistrar {

    @Override
    public List<KryoRegistration> registrations() {
        return List.of(KryoRegistration.of(1330, GlobalState.class),
                KryoRegistration.of(1331, FlexLoraState.class, FlexLoraStateSerializer::new));
    }

    static final class FlexLoraStateSerializer extends ImmutableSerializer<FlexLoraState> {
        private static final LoraScaling[] SCALINGS = LoraScaling.values();

        @Override
        public void write(Kryo kryo, Output output, FlexLoraState state) {
            output.writeVarInt(state.matrices().size(), true);
            state.matrices().forEach((name, m) -> {
                TruncatedSvd svd = m.svd();
                output.writeString(name);
                output.writeVarInt(svd.u().numRows, true);
                output.writeVarInt(svd.vt().numCols, true);
                output.writeVarInt(svd.singularValues().length, true);
                output.writeDoubles(svd.u().data, 0, svd.u().numRows * svd.u().numCols);
                output.writeDoubles(svd.singularValues(), 0, svd.singularValues().length);
                output.writeDoubles(svd.vt().data, 0, svd.vt().numRows * svd.vt().numCols);
                output.writeDouble(m.alpha());
                output.writeVarInt(m.scaling().ordinal(), true);
            });
            output.writeVarInt(state.dense().size(), true);
            state.dense().forEach((name, tensor) -> {
                output.writeString(name);
                kryo.writeObject(output, tensor);
            });
        }

        @Override
        public FlexLoraState read(Kryo kryo, Input input, Class<? extends FlexLoraState> type) {
            Map<String, FlexLoraState.Matrix> matrices = new TreeMap<>();
            int n = input.readVarInt(true);
            for (int i = 0; i < n; i++) {
                String name = input.readString();
                int rows = input.readVarInt(true);
                int cols = input.readVarInt(true);
                int rank = input.readVarInt(true);
                DMatrixRMaj u = DMatrixRMaj.wrap(rows, rank, input.readDoubles(rows * rank));
                double[] s = input.readDoubles(rank);
                DMatrixRMaj vt = DMatrixRMaj.wrap(rank, cols, input.readDoubles(rank * cols));
                double alpha = input.readDouble();
                LoraScaling scaling = SCALINGS[input.readVarInt(true)];
                matrices.put(name, new FlexLoraState.Matrix(new TruncatedSvd(u, s, vt), alpha, scaling));
            }
            Map<String, DenseTensor> dense = new TreeMap<>();
            int d = input.readVarInt(true);
            for (int i = 0; i < d; i++) {
                dense.put(input.readString(), kryo.readObject(input, DenseTensor.class));
            }
            return new FlexLoraState(matrices, dense);
        }
    }

}
