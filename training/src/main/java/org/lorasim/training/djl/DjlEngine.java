package org.lorasim.training.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one place that starts DJL's PyTorch engine. Before the engine is first touched it sets
 * {@code ai.djl.offline=true} unless the user already chose (system property {@code ai.djl.offline} or
 * environment variable {@code DJL_OFFLINE}): without it the engine start calls a metadata address on the
 * internet, and the native library always comes from the {@code pytorch-native-cpu} jar on the classpath.
 *
 * <p>Thread counts are process-wide and read once at engine start from {@code ai.djl.pytorch.num_threads}
 * and {@code ai.djl.pytorch.num_interop_threads}; this class leaves them to the launcher.
 */
public final class DjlEngine {
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    public static final String OFFLINE_ENV = "DJL_OFFLINE";
    public static final String ENGINE_NAME = "PyTorch";

    private DjlEngine() {
    }

    /** Sets {@code ai.djl.offline=true} unless the property or {@code DJL_OFFLINE} is already set. */
    public static synchronized void ensureOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null && System.getenv(OFFLINE_ENV) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    /** The PyTorch engine, started offline by default. */
    public static Engine pytorch() {
        ensureOffline();
        return Engine.getEngine(ENGINE_NAME);
    }

    /** A new root manager on the PyTorch engine's default device; the caller closes it. */
    public static NDManager newManager() {
        return pytorch().newBaseManager();
    }

    /** A new root manager on {@code device}, whose arrays and sub-managers live there; the caller closes it. */
    public static NDManager newManager(Device device) {
        return pytorch().newBaseManager(java.util.Objects.requireNonNull(device, "device"));
    }

    /** The engine's default device: the first GPU with the CUDA natives on a GPU machine, else the CPU. */
    public static Device defaultDevice() {
        return pytorch().defaultDevice();
    }
}
