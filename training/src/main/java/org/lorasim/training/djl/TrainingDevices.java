package org.lorasim.training.djl;

import ai.djl.Device;

/**
 * The devices training can be placed on, as configuration writes them: {@code cpu} or {@code gpu:N} (the N-th CUDA
 * device as PyTorch numbers them). A trainer's arrays (the frozen base it trains over, its LoRA factors, batches and
 * optimiser state) all live in managers below the base's, so the base's {@link Device} is where a training runs
 * (docs/cluster.md, "A GPU trainer node"). PyTorch is asked how many GPUs it sees only for a {@code gpu:N} entry,
 * so a CPU-only configuration never starts the engine to be checked.
 */
public final class TrainingDevices {

    private TrainingDevices() {
    }

    /** {@code cpu} or {@code gpu:N}; the IllegalArgumentException's message says what is accepted. */
    public static Device parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.startsWith("gpu:")) {
            try {
                int index = Integer.parseInt(s.substring(4));
                if (index >= 0) {
                    return Device.gpu(index);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("device '" + text + "' is not 'cpu' or 'gpu:N' (N = 0, 1, ...)");
    }

    /** {@code cpu} or {@code gpu:N}, the form {@link #parse} reads. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    /**
     * Fails when {@code device} is a GPU that PyTorch does not see.
     *
     * @param gpuCount the CUDA devices PyTorch sees ({@link #gpuCount()}; 0 with the CPU natives)
     * @throws IllegalStateException naming the device and what PyTorch sees
     */
    public static void requireAvailable(Device device, int gpuCount) {
        if (device.isGpu() && device.getDeviceId() >= gpuCount) {
            throw new IllegalStateException("device " + name(device) + " is not available: PyTorch sees " + gpuCount
                    + " GPU(s)" + (gpuCount == 0 ? " (a build without -Pcuda has only the CPU natives)" : ""));
        }
    }

    /** The CUDA devices PyTorch sees (starts the engine). */
    public static int gpuCount() {
        return DjlEngine.pytorch().getGpuCount();
    }
}
