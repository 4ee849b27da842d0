package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.function.Supplier;
import org.lorasim.actors.aggregator.LatePolicy;
import org.lorasim.actors.aggregator.RoundSettings;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.model.MiniLmConfig;

/**
 * Builds, before anything runs, every object a run builds from its settings alone (the starting adapter's
 * shape, every client's device profile, the gossip graph and its mixing matrix and protocol settings, the
 * round settings, the centralized policy with its planner), without an actor, a data set or a training step,
 * so that {@code validate} refuses everything {@code run} would. A builder's {@link IllegalArgumentException}
 * becomes a {@link com.typesafe.config.ConfigException} naming the key that chose that builder's input.
 * A decoder's rank and checkpoint are checked by {@link DecoderSetup#check}, which reads the checkpoint.
 * The builders draw from the run's own {@link RngStreams} by (purpose, index), which no later draw depends
 * on, so building them here changes nothing in the run.
 */
final class RunPreflight {

    private static final String DEC_LORA = "lorasim.algorithms.dec-lora";

    private RunPreflight() {
    }

    static void check(RunSettings s) {
        Config c = s.config();
        MiniLmConfig model = MiniLmConfig.allMiniLmL6V2();
        int maxRank = Math.min(model.hidden(), model.intermediate());
        if (!s.model().decoder() && s.model().rank() > maxRank) {
            throw bad(c, "lorasim.model.rank", "must be <= " + maxRank + ", the hidden size of all-MiniLM-L6-v2"
                    + " (a LoRA rank is at most the smaller side of its matrix), got " + s.model().rank());
        }
        TrainingDeviceSetting.of(c);
        RngStreams streams = new RngStreams(s.seed());
        profiles(s, c, streams);
        if (s.variant().equals("decentralized")) {
            DecLoraSettings d = s.decLora();
            int n = s.clients().count();
            Topology topology = guard(c, DEC_LORA + ".topology", " (with lorasim.clients.count = " + n + ")",
                    () -> d.topology(n, streams.stream("topology")));
            guard(c, DEC_LORA + ".mixing", "", () -> d.mixingKind().of(topology));
            guard(c, DEC_LORA, "", () -> d.gossip(s.rounds(), s.training().localSteps(), s.model().basePrecision(),
                    s.seed()));
            return;
        }
        guard(c, "lorasim.rounds", "", () -> new RoundSettings(s.rounds(), s.roundSettings().deadlineNanos(),
                s.roundSettings().waitFor() == 0 ? RoundSettings.WAIT_FOR_ALL : s.roundSettings().waitFor(),
                LatePolicy.DROP));
        Adapter initial = InitialAdapters.synthetic(model, s.model(), 2, 0);
        guard(c, "lorasim.run.algorithm", "", () -> PolicyFactory.policy(s, initial, Map.of(), FedPipeSetup.Base.MINILM));
        guard(c, "lorasim.run.algorithm", "",
                () -> PolicyFactory.clients(s, new int[s.clients().count()]));
    }

    /** Every client's profile (a table must have a row for each). */
    private static void profiles(RunSettings s, Config c, RngStreams streams) {
        String path = s.clients().table() != null ? "lorasim.clients.table" : "lorasim.clients";
        ProfileGenerator generator = s.clients().profileGenerator();
        for (int id = 0; id < s.clients().count(); id++) {
            int client = id;
            guard(c, path, " (client " + id + ")", () -> generator.profileOf(client, streams.stream("profile", client)));
        }
    }

    private static <T> T guard(Config c, String path, String context, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw bad(c, path, e.getMessage() + context, e);
        }
    }
}
