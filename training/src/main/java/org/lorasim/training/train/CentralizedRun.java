package org.lorasim.training.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.DataLocations;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.ExampleSample;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.data.StandardDatasets;
import org.lorasim.training.data.TextDataset;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.eval.Evaluation;
import org.lorasim.training.eval.Evaluator;
import org.lorasim.training.model.LoraSpec;

/**
 * A centralised (one client, all the data) LoRA fine-tuning run of all-MiniLM-L6-v2 with a classifier
 * head, the reference point for the federated runs: prints the held-out metrics of the untrained adapter,
 * progress every {@code evalEvery} steps and the final held-out accuracy and macro-F1. Arguments are
 * {@code key=value} pairs, all optional:
 * <pre>
 *   dataset=languagetool|sst2   languagetool: held-out rules (validation split); sst2: GLUE dev (test split),
 *                               read from -Dlorasim.data.mirror=... or the download cache
 *   steps=300 batch=16 lr=1e-3 weightDecay=0 optimizer=adamw|sgd (SGD with momentum 0.9) dropout=0 (LoRA)
 *   rank=8 alpha=16 targets=query,value (any of query, key, value, output, in, out) maxLength=48
 *   evalEvery=100 evalLimit=0 (0 = the whole held-out split, else a seeded sample of that size) threads=1
 *   seed=0 precision=fp32
 * </pre>
 * {@code threads} sets libtorch's intra-op threads ({@code ai.djl.pytorch.num_threads}) unless already set.
 * Example: {@code java -cp ... org.lorasim.training.train.CentralizedRun dataset=sst2 steps=2000 lr=5e-4}.
 */
public final class CentralizedRun {
    private static final Map<String, String> DEFAULTS = defaults();

    private CentralizedRun() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("dataset", "languagetool");
        d.put("steps", "300");
        d.put("batch", "16");
        d.put("lr", "1e-3");
        d.put("weightDecay", "0");
        d.put("optimizer", "adamw");
        d.put("dropout", "0");
        d.put("rank", "8");
        d.put("alpha", "16");
        d.put("targets", "query,value");
        d.put("maxLength", "48");
        d.put("evalEvery", "100");
        d.put("evalLimit", "0");
        d.put("threads", "1");
        d.put("seed", "0");
        d.put("precision", "fp32");
        return d;
    }

    public static void main(String[] args) {
        Map<String, String> a = parse(args);
        System.setProperty("ai.djl.pytorch.num_threads",
                System.getProperty("ai.djl.pytorch.num_threads", a.get("threads")));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        String datasetName = a.get("dataset");
        TextDataset dataset = switch (datasetName) {
            case "languagetool" -> LanguageToolAcceptability.english().dataset();
            case "sst2" -> new StandardDatasets(DataLocations.fromSystemProperties()).sst2();
            default -> throw new IllegalArgumentException("dataset must be languagetool or sst2, got " + datasetName);
        };
        List<Example> train = dataset.train();
        List<Example> heldOut = datasetName.equals("sst2") ? dataset.test() : dataset.validation();
        int evalLimit = Integer.parseInt(a.get("evalLimit"));
        RngStreams streams = new RngStreams(Long.parseLong(a.get("seed")));
        if (evalLimit > 0 && evalLimit < heldOut.size()) {
            heldOut = ExampleSample.of(heldOut, evalLimit, streams.stream("eval-sample"));
        }
        int steps = Integer.parseInt(a.get("steps"));
        int batch = Integer.parseInt(a.get("batch"));
        int maxLength = Integer.parseInt(a.get("maxLength"));
        int evalEvery = Integer.parseInt(a.get("evalEvery"));
        String precision = a.get("precision");
        String targets = String.join("|", a.get("targets").split(","));
        LoraSpec spec = LoraSpec.of(Integer.parseInt(a.get("rank")), Double.parseDouble(a.get("alpha")),
                "layer\\.\\d+\\.(attention|ffn)\\.(" + targets + ")");
        System.out.printf(Locale.ROOT, "dataset %s: %d train, %d held-out, %d classes; %s%n", dataset.name(),
                train.size(), heldOut.size(), dataset.numLabels(), a);
        System.out.printf(Locale.ROOT, "held-out majority rate %.4f%n", majorityRate(heldOut, dataset.numLabels()));

        try (var root = DjlEngine.newManager();
             BaseModel base = BaseModel.allMiniLmL6V2(root);
             Trainer trainer = new Trainer(base);
             Evaluator evaluator = new Evaluator(base)) {
            Adapter initial = trainer.initialAdapter(spec, dataset.numLabels(), streams.seed("adapter-init", 0));
            List<Example> held = heldOut;
            report(evaluator, initial, held, maxLength, precision, 0, Double.NaN, 0);
            double lr = Double.parseDouble(a.get("lr"));
            double decay = Double.parseDouble(a.get("weightDecay"));
            OptimizerSettings optimizer = switch (a.get("optimizer")) {
                case "adamw" -> OptimizerSettings.adamW(lr, decay);
                case "sgd" -> OptimizerSettings.sgd(lr, 0.9).withWeightDecay(decay);
                default -> throw new IllegalArgumentException("optimizer must be adamw or sgd, got " + a.get("optimizer"));
            };
            TrainingRequest request = TrainingRequest.builder(initial, train).steps(steps).batchSize(batch)
                    .optimizer(optimizer).loraDropout(Double.parseDouble(a.get("dropout"))).maxLength(maxLength).basePrecision(precision).seed(streams.seed("train", 0)).build();
            long start = System.nanoTime();
            double[] windowLoss = {0};
            TrainingResult result = trainer.train(request, (step, loss, current) -> {
                windowLoss[0] += loss;
                if (step % evalEvery == 0 && step < steps) {
                    double ms = (System.nanoTime() - start) / 1e6 / step;
                    report(evaluator, current.get(), held, maxLength, precision, step,
                            windowLoss[0] / evalEvery, ms);
                    windowLoss[0] = 0;
                }
            });
            Evaluation last = report(evaluator, result.adapter(), held, maxLength, precision, steps,
                    result.meanLossOfLast(evalEvery), result.millisPerStep());
            System.out.printf(Locale.ROOT, "final: %d steps, %d examples, %.3e FLOPs, %d ms; held-out accuracy %.4f,"
                            + " macro-F1 %.4f%n", result.steps(), result.examplesSeen(), (double) result.flops(),
                    result.wallMillis(), last.accuracy(), last.macroF1());
        }
    }

    private static Evaluation report(Evaluator evaluator, Adapter adapter, List<Example> heldOut, int maxLength,
                                     String precision, int step, double trainLoss, double msPerStep) {
        Evaluation e = evaluator.evaluate(adapter, heldOut, 64, maxLength, precision);
        String loss = Double.isNaN(trainLoss) ? "     -" : String.format(Locale.ROOT, "%.4f", trainLoss);
        System.out.printf(Locale.ROOT, "step %6d  train loss %s  held-out accuracy %.4f  macro-F1 %.4f  loss %.4f"
                + "  (%.0f ms/step)%n", step, loss, e.accuracy(), e.macroF1(), e.loss(), msPerStep);
        return e;
    }

    static double majorityRate(List<Example> examples, int classes) {
        int[] counts = new int[classes];
        examples.forEach(e -> counts[e.label()]++);
        return (double) Arrays.stream(counts).max().orElse(0) / examples.size();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || !DEFAULTS.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value with a key among "
                        + DEFAULTS.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return a;
    }
}
