package org.lorasim.actors.scenario;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.random.RngStreams;

/**
 * Reads a set of clients from a scenario event's {@code clients} key, as sorted ids in {@code 0 .. count-1}:
 * <pre>
 *   clients = [0, 3, 7]                 the listed ids
 *   clients = all                       every client
 *   clients = { from = 2, to = 5 }      the ids 2, 3, 4, 5 (both ends included)
 *   clients = { fraction = 0.2, seed = 7 }   round(fraction * count) clients drawn without replacement
 *   clients = { count = 3, seed = 7 }        3 clients drawn without replacement
 * </pre>
 * A random draw depends only on (seed, count): partial Fisher-Yates on {@code RngStreams(seed).stream("scenario-clients")}.
 * Unknown ids, empty ranges and out-of-range fractions fail naming the key and its file and line.
 */
final class ClientSelector {
    private static final Set<String> RANGE = Set.of("from", "to");
    private static final Set<String> DRAW = Set.of("fraction", "count", "seed");

    private ClientSelector() {
    }

    static List<Integer> read(Config event, String path, int count) {
        ConfigValue value = event.getValue(path);
        if (value.valueType() == ConfigValueType.STRING) {
            if (!event.getString(path).equals("all")) {
                throw bad(event, path, "must be a list of client ids, 'all', {from, to}, {fraction, seed} or"
                        + " {count, seed}, got '" + event.getString(path) + "'");
            }
            return IntStream.range(0, count).boxed().toList();
        }
        if (value.valueType() == ConfigValueType.LIST) {
            TreeSet<Integer> ids = new TreeSet<>();
            for (int id : ConfigReading.integers(event, path)) {
                if (id < 0 || id >= count) {
                    throw bad(event, path, "unknown client id " + id + ": the clients are 0 to " + (count - 1));
                }
                ids.add(id);
            }
            return List.copyOf(ids);
        }
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw bad(event, path, "must be a list of client ids, 'all' or an object, got " + value.valueType());
        }
        Config selector = event.getConfig(path);
        if (selector.hasPath("from") || selector.hasPath("to")) {
            ConfigReading.requireKnownKeys(event, path, RANGE);
            int from = ConfigReading.integer(event, path + ".from");
            int to = ConfigReading.integer(event, path + ".to");
            if (from < 0 || to >= count || from > to) {
                throw bad(event, path, "range " + from + " to " + to + " is not inside the clients 0 to " + (count - 1));
            }
            return IntStream.rangeClosed(from, to).boxed().toList();
        }
        ConfigReading.requireKnownKeys(event, path, DRAW);
        int n;
        if (selector.hasPath("fraction") == selector.hasPath("count")) {
            throw bad(event, path, "give exactly one of fraction and count (with a seed)");
        } else if (selector.hasPath("fraction")) {
            double fraction = ConfigReading.probability(event, path + ".fraction");
            n = (int) Math.round(fraction * count);
        } else {
            n = ConfigReading.integer(event, path + ".count");
            if (n < 0 || n > count) {
                throw bad(event, path + ".count", "must be in [0, " + count + "], got " + n);
            }
        }
        long seed = selector.hasPath("seed") ? ConfigReading.longInteger(event, path + ".seed") : 0;
        return draw(n, count, new RngStreams(seed).stream("scenario-clients"));
    }

    private static List<Integer> draw(int n, int count, RandomGenerator random) {
        int[] order = IntStream.range(0, count).toArray();
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(count - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            picked.add(order[i]);
        }
        return List.copyOf(new TreeSet<>(picked));
    }
}
