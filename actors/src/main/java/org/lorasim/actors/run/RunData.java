package org.lorasim.actors.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.data.DataPartitioner;
import org.lorasim.policies.data.DirichletPartitioner;
import org.lorasim.policies.data.GroupPartitioner;
import org.lorasim.policies.data.IidPartitioner;
import org.lorasim.policies.data.Partition;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.ExampleSample;
import org.lorasim.training.data.HeldOutSplit;
import org.lorasim.training.data.TextDataset;

/**
 * A trained run's data: every client's shard and the held-out sample the model is evaluated on.
 * The dataset is {@link DatasetCatalog}'s; which examples are trained on and which are held out is
 * {@link HeldOutSplit}'s rule (validation, else test, else a slice of train of {@code held-out-fraction}
 * drawn with {@code RngStreams(seed).stream("held-out-slice")}). Shards come from the partitioner
 * {@code lorasim.data.partition} over the training examples (group: the examples' group, e.g. LanguageTool's
 * rule category or a custom dataset's group column; iid; dirichlet over labels), each cut to
 * {@code max-examples-per-client} by a seeded sample; the held-out sample is {@code eval-examples} of the
 * held-out examples, drawn with {@code RngStreams(seed).stream("eval-sample")}. Everything depends only on
 * the settings and the seed.
 *
 * @param labelNames         the dataset's label names, by label id
 * @param heldOutDescription which examples are held out and how many are used, for the run folder, e.g.
 *                           {@code "banking77, test split: 256 of 3080 examples"}
 */
public record RunData(int classes, List<List<Example>> shards, List<Example> heldOut, List<String> labelNames,
                      String heldOutDescription) {

    public static RunData load(RunSettings settings) {
        return of(settings, DatasetCatalog.load(settings.config()));
    }

    /** The shards and held-out sample of {@code dataset} under {@code settings}. */
    static RunData of(RunSettings settings, TextDataset dataset) {
        RngStreams streams = new RngStreams(settings.seed());
        HeldOutSplit split = HeldOutSplit.of(dataset, settings.data().heldOutFraction(), streams.stream("held-out-slice"));
        List<Example> train = split.train();
        int clients = settings.clients().count();
        if (settings.data().partition().equals("group") && dataset.groups().equals(List.of(Example.NO_GROUP))) {
            Config config = settings.config();
            String origin = config.getValue("lorasim.data.partition").origin().description();
            String setBy = origin.contains("reference.conf") ? "lorasim.data.dataset" : "lorasim.data.partition";
            boolean custom = settings.data().dataset().equals(DatasetCatalog.CUSTOM);
            throw new ConfigException.BadValue(config.getValue(setBy).origin(), "lorasim.data.partition", "is group"
                    + (setBy.equals("lorasim.data.dataset") ? " (the default)" : "") + ", but " + dataset.name()
                    + " has no groups: set lorasim.data.partition = iid or dirichlet"
                    + (custom ? ", or name a group column in lorasim.data.custom.group-column" : ""));
        }
        Partition partition;
        try {
            partition = partitioner(settings).split(keys(train, settings.data().partition()), clients,
                    streams.stream("partition"));
        } catch (IllegalArgumentException e) {
            throw ConfigReading.bad(settings.config(), "lorasim.clients.count", "cannot split " + train.size()
                    + " training examples of " + dataset.name() + " over " + clients + " clients: " + e.getMessage());
        }
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
                throw ConfigReading.bad(settings.config(), "lorasim.clients.count", "client " + c
                        + " got no training examples from the "
                        + settings.data().partition() + " partition of " + train.size() + " examples over "
                        + clients + " clients: use fewer clients or another lorasim.data.partition");
            }
            shards.add(List.copyOf(shard));
        }
        List<Example> heldOut = split.heldOut();
        int n = settings.data().evalExamples();
        if (n > 0 && n < heldOut.size()) {
            heldOut = ExampleSample.of(heldOut, n, streams.stream("eval-sample"));
        }
        String description = dataset.name() + ", " + split.source() + ": " + heldOut.size() + " of "
                + split.heldOut().size() + " examples";
        return new RunData(dataset.numLabels(), List.copyOf(shards), List.copyOf(heldOut),
                List.copyOf(dataset.labelNames()), description);
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
