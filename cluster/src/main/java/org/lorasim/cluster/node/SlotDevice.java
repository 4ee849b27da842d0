package org.lorasim.cluster.node;

import ai.djl.Device;

/**
 * The device of one trainer slot, as written in {@code lorasim.cluster.trainer.devices}: {@code cpu} or
 * {@code gpu:N} (the N-th CUDA device as PyTorch numbers them). A GPU slot needs the CUDA natives
 * ({@code -Pcuda}, see docs/cluster.md) and a machine that has device N. The slot's trainings run on
 * {@link #djlDevice()} (the simulation's {@code TrainerHost}: base, LoRA factors, batches and optimiser state there).
 *
 * @param gpuIndex -1 for the CPU, else the CUDA device index
 */
public record SlotDevice(int gpuIndex) {

    public static final SlotDevice CPU = new SlotDevice(-1);

    public SlotDevice {
        if (gpuIndex < -1) {
            throw new IllegalArgumentException("a GPU index is >= 0, got " + gpuIndex);
        }
    }

    /** Parses {@code cpu} or {@code gpu:N}; the exception's message says what is accepted. */
    public static SlotDevice parse(String text) {
        String s = text.strip();
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.startsWith("gpu:")) {
            try {
                int index = Integer.parseInt(s.substring(4));
                if (index >= 0) {
                    return new SlotDevice(index);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("device '" + text + "' is not 'cpu' or 'gpu:N' (N = 0, 1, ...)");
    }

    public boolean isGpu() {
        return gpuIndex >= 0;
    }

    /** DJL's device for this slot: {@link Device#cpu()} or {@link Device#gpu(int)}. */
    public Device djlDevice() {
        return isGpu() ? Device.gpu(gpuIndex) : Device.cpu();
    }

    /**
     * Fails when this slot names a GPU the machine does not have.
     *
     * @param gpuCount the CUDA devices PyTorch sees ({@code Engine.getInstance().getGpuCount()}; 0 with the CPU natives)
     */
    public void requireAvailable(int gpuCount) {
        if (isGpu() && gpuIndex >= gpuCount) {
            throw new IllegalStateException("trainer device " + this + " is not available: PyTorch sees " + gpuCount
                    + " GPU(s)" + (gpuCount == 0 ? " (a build without -Pcuda has only the CPU natives)" : ""));
        }
    }

    @Override
    public String toString() {
        return isGpu() ? "gpu:" + gpuIndex : "cpu";
    }
}
