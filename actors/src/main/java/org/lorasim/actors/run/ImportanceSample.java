package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.Example;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.ImportanceScorer;

/**
 * FedPipe's importance scores for a trained run: the {@link ImportanceScorer} over the global adapter's
 * matrices, on up to 8 examples from every client's shard (so every kind of data weighs in), 4 batches of
 * the run's batch size. Choice: FedPipe scores on each edge server's data; one pooled score keeps a single
 * plan input and costs one scoring pass instead of one per client.
 */
final class ImportanceSample {

    private ImportanceSample() {
    }

    static Map<String, Double> score(RunSettings s, BaseModel base, Adapter global, RunData data) {
        List<Example> pooled = new ArrayList<>();
        for (List<Example> shard : data.shards()) {
            pooled.addAll(shard.subList(0, Math.min(8, shard.size())));
        }
        return new ImportanceScorer(base).score(global, pooled, new ArrayList<>(global.lora().keySet()), 4,
                s.training().batchSize(), s.training().maxLength(), new RngStreams(s.seed()).seed("importance", 0));
    }
}
