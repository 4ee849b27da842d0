package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.actors.trainer.SharedDecoderBase;
import org.lorasim.training.data.Example;
import org.lorasim.training.llama.DecoderImportanceScorer;
import org.lorasim.training.llama.DecoderTexts;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.ImportanceScorer;

/**
 * FedPipe's importance scores for a trained run: the {@link ImportanceScorer} (a decoder's: the
 * {@link DecoderImportanceScorer}, the same sensitivity under the causal-LM loss, prompts masked) over the
 * global adapter's matrices, on up to 8 examples from every client's shard (so every kind of data weighs in),
 * 4 batches of the run's batch size, seeded by {@code RngStreams(seed).seed("importance", 0)}. Choice: FedPipe
 * scores on each edge server's data; one pooled score keeps a single plan input and costs one scoring pass
 * instead of one per client.
 */
final class ImportanceSample {

    private ImportanceSample() {
    }

    static Map<String, Double> score(RunSettings s, BaseModel base, Adapter global, RunData data) {
        return new ImportanceScorer(base).score(global, pooled(data), new ArrayList<>(global.lora().keySet()), 4,
                s.training().batchSize(), s.training().maxLength(), seed(s));
    }

    /** A decoder's scores: the pooled texts tokenized as training tokenizes them ({@link DecoderTexts}). */
    static Map<String, Double> decoder(RunSettings s, SharedDecoderBase.Loaded loaded, Adapter global, RunData data) {
        int maxLength = s.training().maxLength();
        return new DecoderImportanceScorer(loaded.base()).score(global, DecoderTexts.encode(loaded.tokenizer(),
                        pooled(data), maxLength), new ArrayList<>(global.lora().keySet()), 4, s.training().batchSize(),
                maxLength, seed(s));
    }

    private static List<Example> pooled(RunData data) {
        List<Example> pooled = new ArrayList<>();
        for (List<Example> shard : data.shards()) {
            pooled.addAll(shard.subList(0, Math.min(8, shard.size())));
        }
        return pooled;
    }

    private static long seed(RunSettings s) {
        return new RngStreams(s.seed()).seed("importance", 0);
    }
}
