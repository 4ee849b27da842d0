package org.lorasim.actors.run;

import java.util.List;
import java.util.Map;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;

/**
 * What a run's graph builders ({@link CentralizedSimulation}, {@link DecentralizedSimulation}) need beyond the
 * settings: the starting adapter, every client's shard (empty for a system-only run) and example count, how
 * clients train (null when the clients are built on other nodes), FedPipe's importance scores (empty for the
 * other algorithms) and the frozen base's size for FedPipe's memory plan ({@link FedPipeSetup.Base}).
 */
record RunParts(RunSettings settings, Adapter initial, List<List<Example>> shards, int[] examples,
                LocalTraining training, Map<String, Double> importance, FedPipeSetup.Base base) {
}
