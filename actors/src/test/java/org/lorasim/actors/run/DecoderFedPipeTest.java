package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.trainer.SharedDecoderBase;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.centralized.FedPipePolicy;
import org.lorasim.policies.fedpipe.ClientPlan;
import org.lorasim.policies.random.RngStreams;

/**
 * FedPipe on a decoder plans from the decoder's importance scores: a tiny checkpoint the test writes, the
 * built-in LanguageTool corrections (instruction data: the loss is masked on the prompts), all seven matrices as
 * candidates, and a time budget that lets client 0 adapt only part of them at the largest rank.
 */
class DecoderFedPipeTest {
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private static RunSettings settings(Path checkpoint, double stepTime) {
        return RunSettings.from(Scenarios.of("""
                lorasim {
                  run { variant = pipeline, algorithm = fedpipe, rounds = 1 }
                  model { kind = decoder, checkpoint = "%s", rank = 4,
                          targets = [query, key, value, output, gate, up, down], samples = 1, sample-tokens = 4 }
                  training { local-steps = 2, batch-size = 4, max-length = 48 }
                  clients.count = %d
                  rounds.clients-per-round = %d
                  data { dataset = languagetool-corrections, partition = group, max-examples-per-client = 12,
                         eval-examples = 8 }
                  algorithms.fedpipe { ranks = [2, 4], step-time-seconds = %s }
                }
                """.formatted(checkpoint.toString().replace("\\", "/"), CLIENTS, CLIENTS, Double.toString(stepTime))));
    }

    /**
     * A step time giving client 0 its base's FLOPs and 40% of the adapters' at rank 4 (FedPipeCostModel: 4 T N
     * for the base, 6 T r (in + out) per adapted matrix, T the step's tokens).
     */
    private static double tightStepTime(RunSettings s, Adapter initial, long frozen) {
        long tokens = (long) s.training().batchSize() * s.training().maxLength();
        long adapters = 0;
        for (LoraFactors f : initial.lora().values()) {
            adapters += 6 * tokens * 4L * (f.inFeatures() + f.outFeatures());
        }
        DeviceProfile client0 = s.clients().profileGenerator().profileOf(0, new RngStreams(s.seed()).stream("profile", 0));
        return (4 * tokens * frozen + 0.4 * adapters) / client0.flops();
    }

    @Test
    void aFedPipeDecoderRunPlansFromTheDecodersImportanceScores() throws IOException {
        // Prepare
        Path checkpoint = org.lorasim.training.llama.TinyLlama2c.write(dir.resolve("model"));
        RunSettings loose = settings(checkpoint, 1.0);
        SharedDecoderBase.Loaded loaded = SharedDecoderBase.get(DecoderSetup.checkpoint(loose));
        Adapter initial = DecoderSetup.initialAdapter(loose, loaded);
        long frozen = loaded.base().config().parameterCount();
        RunSettings s = settings(checkpoint, tightStepTime(loose, initial, frozen));
        RunData data = RunData.load(s);
        FedPipeSetup.Base base = new FedPipeSetup.Base(frozen, false);

        // Act
        Map<String, Double> scores = ImportanceSample.decoder(s, loaded, initial, data);
        Map<String, Double> again = ImportanceSample.decoder(s, loaded, initial, data);
        FedPipePolicy scored = (FedPipePolicy) PolicyFactory.policy(s, initial, scores, base);
        FedPipePolicy ones = (FedPipePolicy) PolicyFactory.policy(s, initial, Map.of(), base);
        RecordingListener run = new RecordingListener();
        Map<Integer, SortedMap<String, Integer>> trained = new ConcurrentHashMap<>();
        Simulation.run(s.config(), run, null, (slot, train) -> {
            SortedMap<String, Integer> ranks = new TreeMap<>();
            train.request().adapter().lora().forEach((name, f) -> ranks.put(name, f.rank()));
            trained.put(train.clientId(), ranks);
        });

        // Assert: real, repeatable scores, one per candidate
        System.out.println("decoder importance " + scores + "\nscored plan " + scored.plans().get(0)
                + "\nall-ones plan " + ones.plans().get(0));
        assertThat(scores).containsOnlyKeys(initial.lora().keySet()).hasSize(7);
        assertThat(scores.values()).allMatch(v -> Double.isFinite(v) && v > 0);
        assertThat(scores.values().stream().distinct().count()).isEqualTo(7);
        assertThat(again).isEqualTo(scores);
        // the budget forces a choice, and the scores change it
        SortedMap<String, Integer> chosen = ((ClientPlan.Planned) scored.plans().get(0)).ranks();
        assertThat(chosen.values().stream().mapToInt(Integer::intValue).sum()).isLessThan(7 * 4);
        assertThat(chosen).isNotEqualTo(((ClientPlan.Planned) ones.plans().get(0)).ranks());
        // the run trained what the scored plans say: every client's request held its scored plan's matrices and ranks
        assertThat(run.summary.outcome()).isEqualTo("finished");
        assertThat(trained).containsKey(0);
        trained.forEach((client, ranks) ->
                assertThat(ranks).as("client " + client).isEqualTo(((ClientPlan.Planned) scored.plans().get(client)).ranks()));
    }
}
