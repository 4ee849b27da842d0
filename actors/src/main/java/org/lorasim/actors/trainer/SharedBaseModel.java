package org.lorasim.actors.trainer;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.train.BaseModel;

/**
 * The frozen all-MiniLM-L6-v2 {@link BaseModel}s of this JVM, one per device (DESIGN.md: "loads the frozen base
 * model once"), each loaded on first use and shared read-only by every slot on that device of every actor system in
 * the JVM; quantized variants are cached per bit width inside each. A trainer trains on its base's device, so slots
 * on two GPUs need two copies, and slots on one device share one (docs/cluster.md, "A GPU trainer node"). They live
 * until the JVM exits (their native memory goes with the process).
 */
public final class SharedBaseModel {
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<Device, BaseModel> MODELS = new HashMap<>();

    private SharedBaseModel() {
    }

    /** The JVM's base model on the engine's default device, loaded by the first caller. */
    public static BaseModel get() {
        return get(DjlEngine.defaultDevice());
    }

    /** The JVM's base model on {@code device}, loaded there by the first caller. */
    public static synchronized BaseModel get(Device device) {
        return MODELS.computeIfAbsent(device, d -> {
            BaseModel m = BaseModel.allMiniLmL6V2(DjlEngine.newManager(d));
            LOADS.incrementAndGet();
            return m;
        });
    }

    /** How many copies were loaded in this JVM: 0 before the first {@link #get()}, one per device after. */
    public static int loads() {
        return LOADS.get();
    }
}
