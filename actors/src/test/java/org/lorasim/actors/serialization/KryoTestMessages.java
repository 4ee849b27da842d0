package org.lorasim.actors.serialization;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/** Messages and values of the serializer tests; all but {@link Unregistered} are in application-test.conf. */
final class KryoTestMessages {

    private KryoTestMessages() {
    }

    /** Carries any value, to send JDK values through the serializer inside a message. */
    record Envelope(Object value) implements LorasimMessage {
    }

    /** Asks an echo actor to send the adapter back. */
    record Echo(Adapter adapter, ActorRef<Echoed> replyTo) implements LorasimMessage {
    }

    /** The echo actor's answer: the adapter it received and its identity hash there. */
    record Echoed(Adapter adapter, int receivedIdentity) implements LorasimMessage {
    }

    /** A message nobody registered. */
    record Unregistered(String text) implements LorasimMessage {
    }

    enum Color { RED, GREEN, BLUE }

    /** A random adapter: 1-4 LoRA matrices of small random shapes, sometimes a dense head. */
    static Adapter randomAdapter(SplittableRandom rng) {
        TreeMap<String, LoraFactors> lora = new TreeMap<>();
        int matrices = rng.nextInt(1, 5);
        for (int m = 0; m < matrices; m++) {
            int r = rng.nextInt(1, 5);
            int in = rng.nextInt(1, 9);
            int out = rng.nextInt(1, 9);
            lora.put("layer." + m + ".query", new LoraFactors(r, in, out, randomFloats(r * in, rng),
                    randomFloats(out * r, rng), rng.nextDouble(1, 32), LoraScaling.values()[rng.nextInt(2)]));
        }
        TreeMap<String, DenseTensor> dense = new TreeMap<>();
        if (rng.nextBoolean()) {
            int rows = rng.nextInt(1, 4);
            int cols = rng.nextInt(1, 4);
            dense.put("classifier", new DenseTensor(new int[] {rows, cols}, randomFloats(rows * cols, rng)));
        }
        return new Adapter(lora, dense);
    }

    /** Random floats including, one time in ten, a float from arbitrary bits (NaNs with payloads, infinities). */
    static float[] randomFloats(int n, SplittableRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(10) == 0 ? Float.intBitsToFloat(rng.nextInt()) : (float) rng.nextGaussian();
        }
        return v;
    }

    static int[] rawBits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
