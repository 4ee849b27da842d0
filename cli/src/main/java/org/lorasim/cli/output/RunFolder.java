package org.lorasim.cli.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lorasim.actors.profile.ClientsSettings;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.DatasetCatalog;
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.Reference;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;
import org.lorasim.actors.run.ModelEvaluator;

/**
 * A run's folder (DESIGN.md, "Outputs of a run"), kept up to date as the run reports: {@code config.conf} (the
 * resolved {@code lorasim} subtree) at once, {@code clients.csv} when the data is split, {@code rounds.csv}
 * (the starting model first), {@code metrics.jsonl}, {@code participation.csv} and {@code events.jsonl} after
 * every round, a decoder's {@code generations.jsonl} after every evaluated round, and {@code summary.json}, the PNG plots and {@code report.html} at the end. Plot and report
 * titles are the run's name, {@code lorasim.run.name}. Every file is
 * rewritten whole and atomically ({@link AtomicFiles}), so a reader never sees half a file.
 *
 * <p>A resumed run reports every round again from round 0 to a new {@code RunFolder} over the same directory,
 * which rewrites the files from those records. Should one folder see a round again, the new record replaces
 * it and drops the rounds recorded after it.
 */
public final class RunFolder implements RunListener {

    public static final String CONFIG = "config.conf";
    public static final String ROUNDS = "rounds.csv";
    public static final String METRICS = "metrics.jsonl";
    public static final String EVENTS = "events.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";
    public static final String CHECKPOINT = "checkpoint";
    public static final String GENERATIONS = "generations.jsonl";

    private final Path dir;
    private final String name;
    private final List<String> scenario;
    private ClientSplit split;
    private final List<RoundRecord> rounds = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private double initialAccuracy = Double.NaN;
    private String heldOut;
    private final List<Participation> participation = new ArrayList<>();
    private final java.util.TreeMap<Integer, List<ModelEvaluator.Generation>> generations = new java.util.TreeMap<>();
    private List<Reference> references = List.of();
    private RunSummary summary;
    private boolean synthetic;
    private boolean eventsDirty;
    private final String variant;
    private final String algorithm;
    private final long startNanos = System.nanoTime();

    /**
     * Creates {@code dir} if needed and writes {@code config.conf} from {@code config} (its {@code lorasim}
     * subtree, resolved).
     */
    public RunFolder(Path dir, Config config) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(dir.resolve(CONFIG), renderConfig(config));
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        this.name = ScenarioWords.runName(config, fileName == null ? dir.toString() : fileName.toString());
        this.scenario = ScenarioWords.describe(config);
        variant = stringOr(config, "lorasim.run.variant");
        algorithm = stringOr(config, "lorasim.run.algorithm");
        synthetic = "cost-model".equals(stringOr(config, "lorasim.run.trainer"));
    }

    private static String stringOr(Config config, String path) {
        try {
            return config.getString(path);
        } catch (com.typesafe.config.ConfigException e) {
            return "";
        }
    }

    /**
     * The {@code lorasim} subtree of a resolved config as HOCON, without comments, to parse back; file paths
     * are made absolute so that the copy names the same files wherever it is read.
     */
    public static String renderConfig(Config config) {
        return DatasetCatalog.withAbsoluteFiles(ClientsSettings.withAbsoluteFiles(config)).withOnlyPath("lorasim").root().render(ConfigRenderOptions.defaults().setComments(false)
                .setOriginComments(false).setJson(false).setFormatted(true));
    }

    public Path dir() {
        return dir;
    }

    public Path checkpointDir() {
        return dir.resolve(CHECKPOINT);
    }

    /** Kept for {@code summary.json}'s {@code held_out}. */
    @Override
    public void heldOut(String description) {
        heldOut = description;
    }

    /**
     * The starting model: the first row of {@code rounds.csv} and {@code metrics.jsonl} (round
     * {@value RoundRecord#BEFORE}) and the first point of every round plot.
     */
    @Override
    public void initial(RoundRecord before) {
        initialAccuracy = before.accuracy();
        round(before);
    }

    /** Writes {@code fedpipe-plan.csv} at once (a pipeline run). */
    @Override
    public void fedPipePlan(org.lorasim.actors.run.FedPipePlan plan) {
        AtomicFiles.writeString(dir.resolve(FedPipePlanCsv.FILE), FedPipePlanCsv.render(plan));
    }

    /** Writes {@code clients.csv} at once; the label-mix plot comes with the report. */
    @Override
    public void split(ClientSplit clientSplit) {
        split = clientSplit;
        AtomicFiles.writeString(dir.resolve(ClientsCsv.FILE), ClientsCsv.render(clientSplit));
    }

    /**
     * Reference accuracies (e.g. the majority class): {@code summary.json}'s {@code references}, a table in the
     * report and horizontal lines on the accuracy plots, from the next {@link #writeReport} on.
     */
    @Override
    public void references(List<Reference> levels) {
        references = List.copyOf(levels);
    }

    @Override
    public void round(RoundRecord record) {
        rounds.removeIf(r -> r.round() >= record.round());
        rounds.add(record);
        synthetic |= record.synthetic();
        AtomicFiles.writeString(dir.resolve(ROUNDS), RoundsCsv.render(rounds));
        StringBuilder metrics = new StringBuilder();
        rounds.forEach(r -> metrics.append(RunJson.line(RunJson.round(r))).append('\n'));
        AtomicFiles.writeString(dir.resolve(METRICS), metrics.toString());
        eventsDirty = true;
        flushEvents();
    }

    /**
     * A decoder's sampled generations after {@code round}: {@code generations.jsonl} (one line per sample, the
     * rounds in order, a round told again replacing it and the later ones; {@code sample} counts each client's
     * samples from 0 in a decentralized run) and a section of the report.
     */
    @Override
    public void generations(int round, List<ModelEvaluator.Generation> samples) {
        generations.tailMap(round, true).clear();
        generations.put(round, List.copyOf(samples));
        StringBuilder lines = new StringBuilder();
        generations.forEach((r, list) -> {
            java.util.Map<Integer, Integer> perClient = new java.util.HashMap<>();
            for (ModelEvaluator.Generation g : list) {
                int index = perClient.merge(g.client(), 1, Integer::sum) - 1;
                lines.append(RunJson.line(RunJson.generation(r, index, g))).append('\n');
            }
        });
        AtomicFiles.writeString(dir.resolve(GENERATIONS), lines.toString());
    }

    @Override
    public void participation(Participation round) {
        participation.removeIf(p -> p.round() >= round.round());
        participation.add(round);
        AtomicFiles.writeString(dir.resolve(ParticipationTimeline.CSV), ParticipationTimeline.csv(participation));
    }

    /** Kept in memory; written with the next round or at the end, so a burst of events costs one write. */
    @Override
    public void event(RunEvent event) {
        events.add(event);
        eventsDirty = true;
    }

    @Override
    public void finished(RunSummary runSummary) {
        summary = runSummary;
        synthetic |= runSummary.synthetic();
        ObjectNode json = RunJson.summary(runSummary);
        withDataNotes(json);
        AtomicFiles.writeString(dir.resolve(SUMMARY), RunJson.pretty(json));
        eventsDirty = true;
        writeReport();
    }

    /**
     * Adds what the run told of its data: the held-out examples used, the reference accuracies and, for a
     * decoder, the held-out perplexity of the starting model and of the last evaluated one.
     */
    private ObjectNode withDataNotes(ObjectNode json) {
        if (heldOut != null) {
            json.put("held_out", heldOut);
        }
        List<RoundRecord> evaluated = rounds.stream().filter(r -> Double.isFinite(r.perplexity())).toList();
        if (!evaluated.isEmpty()) {
            RunJson.putDouble(json, "initial_perplexity", evaluated.get(0).isBefore() ? evaluated.get(0).perplexity()
                    : Double.NaN);
            RunJson.putDouble(json, "final_perplexity", evaluated.get(evaluated.size() - 1).perplexity());
        }
        json.set("references", RunJson.references(references));
        return json;
    }

    /**
     * Ends a run that stopped with an error before it could report its own end (a data set that cannot be read,
     * a damaged journal, a bug): {@code summary.json} with outcome {@code failed: REASON} and what had arrived
     * (rounds finished, their bytes, the last round's accuracy, time and checksum), then the report. Does
     * nothing when the run already wrote its summary.
     */
    public void failed(String reason) {
        if (summary != null) {
            return;
        }
        RoundRecord last = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
        long roundsDone = rounds.stream().filter(r -> r.round() != RoundRecord.BEFORE).count();
        summary = new RunSummary(variant, algorithm, (int) roundsDone, initialAccuracy,
                last == null ? Double.NaN : last.accuracy(), last == null ? 0 : last.simTimeNanos(),
                (System.nanoTime() - startNanos) / 1_000_000, rounds.stream().mapToLong(RoundRecord::bytesUp).sum(),
                rounds.stream().mapToLong(RoundRecord::bytesDown).sum(), events.size(),
                last == null ? "" : last.checksum(), synthetic, "failed: " + oneLine(reason));
        AtomicFiles.writeString(dir.resolve(SUMMARY), RunJson.pretty(withDataNotes(RunJson.summary(summary))));
        eventsDirty = true;
        writeReport();
    }

    /** A message of several lines on one: {@code "A:\nB\nC"} becomes {@code "A: B; C"}. */
    static String oneLine(String message) {
        return message.strip().replaceAll(":\\s*\\R\\s*", ": ").replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The summary written, or null while the run goes on. */
    public RunSummary summary() {
        return summary;
    }

    /**
     * Writes the events, the plots and {@code report.html} from what has been received so far; called at the
     * end, and by the command line when a run stops with an exception.
     */
    public void writeReport() {
        flushEvents();
        int classes = split == null ? 0 : split.labelNames().size();
        List<RunPlots.Plot> plots = RunPlots.write(dir, rounds, synthetic,
                new RunPlots.Context(name, referenceLines(), events, classes));
        List<RunPlots.Plot> splitPlots = new ArrayList<>();
        ParticipationTimeline.write(dir, participation, synthetic).ifPresent(splitPlots::add);
        LabelMixPlot.write(dir, split, name).ifPresent(splitPlots::add);
        AtomicFiles.writeString(dir.resolve(REPORT), RunReport.html(new RunReport.Page(name, scenario, summary,
                initialAccuracy, rounds, events, participation, split, plots, splitPlots, synthetic, references,
                generations)));
    }

    private List<LineCharts.ReferenceLine> referenceLines() {
        return references.stream().map(r -> new LineCharts.ReferenceLine(r.label(), r.accuracy())).toList();
    }

    private void flushEvents() {
        if (!eventsDirty) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        events.forEach(e -> lines.append(RunJson.line(RunJson.event(e, synthetic))).append('\n'));
        AtomicFiles.writeString(dir.resolve(EVENTS), lines.toString());
        eventsDirty = false;
    }
}
