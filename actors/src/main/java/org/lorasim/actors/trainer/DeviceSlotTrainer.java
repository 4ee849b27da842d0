package org.lorasim.actors.trainer;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.lorasim.training.llama.DecoderCheckpoint;
import org.lorasim.training.train.ModelRef;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.Trainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * The trainer of a slot that serves any run on one device (a cluster's trainer node, which is never told the runs'
 * scenarios): each request trains over the base its {@link TrainingRequest#model()} names, on {@link #device()}:
 * the encoder over {@link SharedBaseModel#get(Device)}, a decoder over {@link SharedDecoderBase#get(DecoderCheckpoint,
 * Device)}. Bases load at the first request that names them, so a node whose runs are all system-only loads none,
 * and a decoder run never loads the encoder. The trainer per base is kept for later requests; like every
 * {@link SlotTrainer}, one thread uses it at a time.
 */
public final class DeviceSlotTrainer implements SlotTrainer {
    private final Device device;
    private final Map<ModelRef, SlotTrainer> trainers = new HashMap<>();

    public DeviceSlotTrainer(Device device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /** One such trainer per slot thread, all on {@code device}. */
    public static Factory on(Device device) {
        Objects.requireNonNull(device, "device");
        return () -> new DeviceSlotTrainer(device);
    }

    public Device device() {
        return device;
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        return trainers.computeIfAbsent(request.model(), this::trainerOf).train(request);
    }

    private SlotTrainer trainerOf(ModelRef model) {
        if (!model.decoder()) {
            return new Trainer(SharedBaseModel.get(device));
        }
        return SharedDecoderBase.get(model.decoderFiles(), device).trainers().newTrainer();
    }

    /**
     * Loads the base {@code model} names on {@code device} now, as the first request naming it would (the JVM keeps
     * it: {@link SharedBaseModel}, {@link SharedDecoderBase}); a no-op when it is loaded already. Blocking.
     *
     * @throws IllegalArgumentException naming the file when a decoder checkpoint is not on this machine
     */
    public static void loadBase(ModelRef model, Device device) {
        if (model.decoder()) {
            SharedDecoderBase.get(model.decoderFiles(), device);
        } else {
            SharedBaseModel.get(device);
        }
    }

    @Override
    public void close() {
        trainers.values().forEach(SlotTrainer::close);
        trainers.clear();
    }
}
