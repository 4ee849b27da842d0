package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.Example;

/**
 * How a run's data and devices were split over its clients, for {@code clients.csv} and the label-mix plot:
 * per client its example count, label histogram, groups, device profile (as drawn, before any scenario
 * slow-down) and LoRA rank. A system-only run has no data: its clients have their synthetic example count,
 * no labels and no groups ({@code synthetic} says so).
 *
 * @param labelNames the dataset's label names by id; empty for a system-only run
 * @param clients    one entry per client, by id
 * @param synthetic  true for a system-only run
 */
public record ClientSplit(List<String> labelNames, List<Client> clients, boolean synthetic) {

    /**
     * @param labelCounts examples per label id (empty for a system-only run)
     * @param groups      the examples' groups (e.g. LanguageTool rule categories) with their counts, by name;
     *                    empty when the data has none
     * @param rank        the client's LoRA rank: its own for FlexLoRA and HetLoRA, the model's otherwise (FedPipe
     *                    plans ranks per round, SA-FedLoRA anneals them: this is where they start)
     */
    public record Client(int id, int examples, List<Integer> labelCounts, Map<String, Integer> groups,
                         DeviceProfile profile, int rank) {
        public Client {
            labelCounts = List.copyOf(labelCounts);
            groups = Map.copyOf(groups);
            Objects.requireNonNull(profile, "profile");
        }
    }

    public ClientSplit {
        labelNames = List.copyOf(labelNames);
        clients = List.copyOf(clients);
    }

    /** The split of a trained run: its shards. */
    static ClientSplit of(RunSettings s, RunData data) {
        List<Client> out = new ArrayList<>();
        ProfileGenerator profiles = s.clients().profileGenerator();
        for (int id = 0; id < data.shards().size(); id++) {
            List<Example> shard = data.shards().get(id);
            Integer[] counts = new Integer[data.classes()];
            Arrays.fill(counts, 0);
            Map<String, Integer> groups = new TreeMap<>();
            for (Example e : shard) {
                counts[e.label()]++;
                if (!e.group().equals(Example.NO_GROUP)) {
                    groups.merge(e.group(), 1, Integer::sum);
                }
            }
            out.add(new Client(id, shard.size(), List.of(counts), groups, profile(s, profiles, id), rank(s, id)));
        }
        return new ClientSplit(data.labelNames(), out, false);
    }

    /** The split of a system-only run: no data, only the synthetic example count. */
    static ClientSplit synthetic(RunSettings s) {
        List<Client> out = new ArrayList<>();
        ProfileGenerator profiles = s.clients().profileGenerator();
        for (int id = 0; id < s.clients().count(); id++) {
            out.add(new Client(id, s.data().syntheticExamplesPerClient(), List.of(), Map.of(),
                    profile(s, profiles, id), rank(s, id)));
        }
        return new ClientSplit(List.of(), out, true);
    }

    /** Drawn exactly as the run's builders draw it: {@code RngStreams(seed).stream("profile", id)}. */
    static DeviceProfile profile(RunSettings s, ProfileGenerator profiles, int id) {
        return profiles.profileOf(id, new RngStreams(s.seed()).stream("profile", id));
    }

    /** The rank client {@code id} trains at first: its own for FlexLoRA and HetLoRA, the model's otherwise. */
    static int rank(RunSettings s, int id) {
        return switch (s.algorithm()) {
            case "flexlora" -> AlgorithmSettings.rankOf(s.algorithms().flexLoraRanks(), id);
            case "hetlora" -> AlgorithmSettings.rankOf(s.algorithms().hetLoraRanks(), id);
            default -> s.model().rank();
        };
    }
}
