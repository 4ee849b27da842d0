package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.policies.data.DataPartitioner;
import org.lorasim.policies.data.DirichletPartitioner;
import org.lorasim.policies.data.GroupPartitioner;
import org.lorasim.policies.data.IidPartitioner;
import org.lorasim.policies.data.Partition;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.DataLocations;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.ExampleSample;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.data.StandardDatasets;
import org.lorasim.training.data.TextDataset;

/**
 * A trained run's data: every client's shard and the held-out sample the model is evaluated on.
 * Shards come from the partitioner {@code lorasim.data.partition} over the training split (group: the
 * examples' group, e.g. LanguageTool's rule category; iid; dirichlet over labels), each cut to
 * {@code max-examples-per-client} by a seeded sample; the held-out sample is {@code eval-examples} examples
 * of the validation split (the test split for SST-2, whose test labels are GLUE's dev set), drawn with
 * {@code RngStreams(seed).stream("eval-sample")}. Everything depends only on the settings and the seed.
 * {@code labelNames} are the dataset's, by label id.
 */
public record RunData(int classes, List<List<Example>> shards, List<Example> heldOut, List<String> labelNames) {

    public static RunData load(RunSettings settings) {
        TextDataset dataset = dataset(settings.data().dataset());
        RngStreams streams = new RngStreams(settings.seed());
        List<Example> train = dataset.train();
        int clients = settings.clients().count();
        Partition partition = partitioner(settings).split(keys(train, settings.data().partition()), clients,
                streams.stream("partition"));
        List<List<Example>> shards = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Example> shard = new ArrayList<>();
            for (int i : partition.indices(c)) {
                shard.add(train.get(i));
            }
            int max = settings.data().maxExamplesPerClient();
            if (max > 0 && shard.size() > max) {
                shard = ExampleSample.of(shard, max, streams.stream("shard-sample", c));
            }
            if (shard.isEmpty()) {
                throw new IllegalArgumentException("client " + c + " got no training examples from the "
                        + settings.data().partition() + " partition of " + train.size() + " examples over "
                        + clients + " clients: use fewer clients or another lorasim.data.partition");
            }
            shards.add(List.copyOf(shard));
        }
        List<Example> heldOut = settings.data().dataset().equals("sst2") ? dataset.test() : dataset.validation();
        int n = settings.data().evalExamples();
        if (n > 0 && n < heldOut.size()) {
            heldOut = ExampleSample.of(heldOut, n, streams.stream("eval-sample"));
        }
        return new RunData(dataset.numLabels(), List.copyOf(shards), List.copyOf(heldOut),
                List.copyOf(dataset.labelNames()));
    }

    private static TextDataset dataset(String name) {
        return name.equals("languagetool") ? LanguageToolAcceptability.english().dataset()
                : new StandardDatasets(DataLocations.fromSystemProperties()).load(name);
    }

    private static DataPartitioner partitioner(RunSettings settings) {
        return switch (settings.data().partition()) {
            case "group" -> new GroupPartitioner();
            case "iid" -> new IidPartitioner();
            default -> new DirichletPartitioner(settings.data().dirichletAlpha(), 1, 100);
        };
    }

    /** Group ids (in first-seen order) for the group partitioner, labels otherwise. */
    private static int[] keys(List<Example> train, String partition) {
        if (!partition.equals("group")) {
            return train.stream().mapToInt(Example::label).toArray();
        }
        Map<String, Integer> ids = new HashMap<>();
        return train.stream().mapToInt(e -> ids.computeIfAbsent(e.group(), g -> ids.size())).toArray();
    }
}
