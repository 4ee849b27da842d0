package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.lorasim.actors.link.LinkSettings;
import org.lorasim.actors.profile.ClientsSettings;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.actors.scenario.ScenarioEvent;
import org.lorasim.actors.scenario.ScenarioSettings;
import org.lorasim.actors.trainer.TrainerSlotsSettings;

/**
 * Everything a run reads from its configuration (the {@code lorasim.run}, {@code model}, {@code data},
 * {@code training}, {@code rounds}, {@code algorithms}, {@code clients}, {@code links}, {@code trainer-slots}
 * and {@code scenario} sections of {@code reference.conf}), checked before anything runs: a bad value fails
 * with a {@link ConfigException} naming the key and its file and line. {@code memoryCheck}
 * ({@code lorasim.clients.memory-check}): whether a centralized run leaves out the clients whose memory cannot
 * hold what they train with ({@link MemoryFit}).
 */
public record RunSettings(String name, long seed, String variant, String algorithm, int rounds, boolean synthetic,
                          Model model, Data data, Training training, Rounds roundSettings, AlgorithmSettings algorithms,
                          ClientsSettings clients, LinkSettings links, TrainerSlotsSettings slots,
                          List<ScenarioEvent> scenario, DecLoraSettings decLora, AggregationSettings aggregation,
                          boolean linearProbeReference, boolean memoryCheck, Config config) {

    /**
     * The model and its adapter: rank, alpha, LoRA targets, base precision, and which model: the built-in
     * encoder (all-MiniLM-L6-v2, a classifier) or a decoder read from {@code checkpoint} (a llama2.c
     * {@code .bin} with its {@code tokenizer}, or a Hugging Face folder), trained as a causal language model.
     */
    public record Model(int rank, double alpha, List<String> targets, String basePrecision, String kind,
                        Optional<Path> checkpoint, Optional<Path> tokenizer) {
        public static final String ENCODER = "encoder";
        public static final String DECODER = "decoder";

        /** The built-in encoder. */
        public Model(int rank, double alpha, List<String> targets, String basePrecision) {
            this(rank, alpha, targets, basePrecision, ENCODER, Optional.empty(), Optional.empty());
        }

        public boolean decoder() {
            return kind.equals(DECODER);
        }
    }

    /** {@code heldOutFraction}: the share of train held out when a dataset has no validation or test split. */
    public record Data(String dataset, String partition, double dirichletAlpha, int maxExamplesPerClient,
                       int evalExamples, int syntheticExamplesPerClient, double heldOutFraction) {
    }

    public record Training(int localSteps, int batchSize, int maxLength, String optimizer, double learningRate,
                           double weightDecay, double loraDropout, double syntheticStepSize) {
    }

    /** {@code clientsPerRound} 0 means by {@code fraction}; {@code waitFor} 0 means all. */
    public record Rounds(int clientsPerRound, double fraction, double overCommit, long deadlineNanos, int waitFor,
                         boolean acceptLate) {
    }

    private static final Map<String, Set<String>> ALGORITHMS = Map.of(
            "centralized", Set.of("fedit", "fedprox", "flexlora", "hetlora", "sa-fedlora"),
            "decentralized", Set.of("dec-lora"),
            "pipeline", Set.of("fedpipe"));
    private static final Set<String> TARGETS = Set.of("query", "key", "value", "output", "in", "out");
    private static final Set<String> DECODER_TARGETS = Set.of("query", "key", "value", "output", "gate", "up", "down");

    public static RunSettings from(Config config) {
        String variant = ConfigReading.oneOf(config, "lorasim.run.variant", ALGORITHMS.keySet());
        String algorithm = ConfigReading.oneOf(config, "lorasim.run.algorithm", ALGORITHMS.get(variant));
        int rounds = atLeast(config, "lorasim.run.rounds", 1);
        boolean synthetic = ConfigReading.oneOf(config, "lorasim.run.trainer", List.of("trained", "cost-model"))
                .equals("cost-model");
        String kind = ConfigReading.oneOf(config, "lorasim.model.kind", List.of(Model.ENCODER, Model.DECODER));
        Model model = new Model(atLeast(config, "lorasim.model.rank", 1), positive(config, "lorasim.model.alpha"),
                targets(config, kind.equals(Model.DECODER) ? DECODER_TARGETS : TARGETS),
                ConfigReading.oneOf(config, "lorasim.model.base-precision", List.of("fp32", "int8", "int4", "nf4")),
                kind, optionalFile(config, "lorasim.model.checkpoint"), optionalFile(config, "lorasim.model.tokenizer"));
        if (model.decoder()) {
            if (model.checkpoint().isEmpty()) {
                throw bad(config, "lorasim.model.kind", "is decoder, but lorasim.model.checkpoint names no "
                        + "checkpoint: set it to a llama2.c .bin file or a Hugging Face folder");
            }
            if (!model.basePrecision().equals("fp32")) {
                throw bad(config, "lorasim.model.base-precision", "must be fp32 for a decoder (a decoder's base is "
                        + "not quantized yet), got " + model.basePrecision());
            }
        }
        double heldOutFraction = ConfigReading.probability(config, "lorasim.data.held-out-fraction");
        if (heldOutFraction == 0 || heldOutFraction == 1) {
            throw bad(config, "lorasim.data.held-out-fraction", "must be in (0, 1), got " + heldOutFraction);
        }
        Data data = new Data(ConfigReading.oneOf(config, "lorasim.data.dataset", DatasetCatalog.IDS),
                ConfigReading.oneOf(config, "lorasim.data.partition", List.of("group", "iid", "dirichlet")),
                positive(config, "lorasim.data.dirichlet-alpha"),
                atLeast(config, "lorasim.data.max-examples-per-client", 0),
                atLeast(config, "lorasim.data.eval-examples", 0),
                atLeast(config, "lorasim.data.synthetic-examples-per-client", 1), heldOutFraction);
        int maxLength = atLeast(config, "lorasim.training.max-length", 2);
        if (maxLength > 512) {
            throw bad(config, "lorasim.training.max-length", "must be at most 512, got " + maxLength);
        }
        double dropout = ConfigReading.nonNegative(config, "lorasim.training.lora-dropout");
        if (dropout >= 1) {
            throw bad(config, "lorasim.training.lora-dropout", "must be in [0, 1), got " + dropout);
        }
        Training training = new Training(atLeast(config, "lorasim.training.local-steps", 1),
                atLeast(config, "lorasim.training.batch-size", 1), maxLength,
                ConfigReading.oneOf(config, "lorasim.training.optimizer", List.of("adamw", "sgd")),
                positive(config, "lorasim.training.learning-rate"),
                ConfigReading.nonNegative(config, "lorasim.training.weight-decay"), dropout,
                ConfigReading.nonNegative(config, "lorasim.training.synthetic-step-size"));
        double fraction = ConfigReading.probability(config, "lorasim.rounds.fraction");
        if (fraction == 0) {
            throw bad(config, "lorasim.rounds.fraction", "must be in (0, 1], got 0");
        }
        double deadline = ConfigReading.seconds(config, "lorasim.rounds.deadline");
        if (deadline <= 0) {
            throw bad(config, "lorasim.rounds.deadline", "must be > 0");
        }
        Rounds roundSettings = new Rounds(atLeast(config, "lorasim.rounds.clients-per-round", 0), fraction,
                ConfigReading.nonNegative(config, "lorasim.rounds.over-commit"), Math.round(deadline * 1e9),
                atLeast(config, "lorasim.rounds.wait-for", 0),
                ConfigReading.oneOf(config, "lorasim.rounds.late-updates", List.of("drop", "accept")).equals("accept"));
        ClientsSettings clients = ClientsSettings.from(config);
        if (roundSettings.clientsPerRound() > clients.count()) {
            throw bad(config, "lorasim.rounds.clients-per-round", "asks for " + roundSettings.clientsPerRound()
                    + " clients per round but lorasim.clients.count is " + clients.count());
        }
        AlgorithmSettings algorithms = AlgorithmSettings.from(config, model.rank(), algorithm);
        return new RunSettings(config.getString("lorasim.run.name"), ConfigReading.longInteger(config, "lorasim.run.seed"), variant,
                algorithm, rounds, synthetic, model, data, training, roundSettings, algorithms, clients,
                LinkSettings.from(config),
                TrainerSlotsSettings.from(config), ScenarioSettings.from(config, clients.count()),
                DecLoraSettings.from(config), AggregationSettings.from(config),
                config.getBoolean("lorasim.references.linear-probe"),
                ConfigReading.onOff(config, "lorasim.clients.memory-check"), config);
    }

    private static List<String> targets(Config config, Set<String> known) {
        List<String> targets = config.getStringList("lorasim.model.targets");
        String which = known == DECODER_TARGETS ? "the targets of a decoder (lorasim.model.kind = decoder) are "
                : "the targets are ";
        if (targets.isEmpty()) {
            throw bad(config, "lorasim.model.targets", "must name at least one of " + new java.util.TreeSet<>(known));
        }
        for (String t : targets) {
            if (!known.contains(t)) {
                throw bad(config, "lorasim.model.targets", "unknown target '" + t + "'"
                        + ConfigReading.didYouMean(t, known) + "; " + which + new java.util.TreeSet<>(known));
            }
        }
        return List.copyOf(targets);
    }

    private static Optional<Path> optionalFile(Config config, String path) {
        return config.hasPath(path) ? Optional.of(ConfigReading.file(config, path)) : Optional.empty();
    }

    static int atLeast(Config config, String path, int min) {
        int value = ConfigReading.integer(config, path);
        if (value < min) {
            throw bad(config, path, "must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double positive(Config config, String path) {
        double value = config.getDouble(path);
        if (!(value > 0) || !Double.isFinite(value)) {
            throw bad(config, path, "must be a finite number > 0, got " + value);
        }
        return value;
    }
}
