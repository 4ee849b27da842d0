package org.lorasim.cluster.output;

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
import org.lorasim.actors.run.Participation;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;

/**
 * A run's folder (DESIGN.md, "Outputs of a run"), kept up to date as the run reports: {@code config.conf} (the
 * resolved {@code lorasim} subtree) at once, {@code clients.csv} when the data is split, {@code rounds.csv}
 * (the starting model first), {@code metrics.jsonl}, {@code participation.csv} and {@code events.jsonl} after
 * every round, and {@code summary.json}, the PNG plots and {@code report.html} at the end. Plot and report
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

    private final Path dir;
    private final String name;
    private final List<String> scenario;
    private List<LineCharts.ReferenceLine> references = List.of();
    private ClientSplit split;
    private final List<RoundRecord> rounds = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private double initialAccuracy = Double.NaN;
    private final List<Participation> participation = new ArrayList<>();
    private RunSummary summary;
    private boolean synthetic;
    private boolean eventsDirty;

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
    }

    /**
     * The {@code lorasim} subtree of a resolved config as HOCON, without comments, to parse back; file paths
     * are made absolute so that the copy names the same files wherever it is read.
     */
    public static String renderConfig(Config config) {
        return ClientsSettings.withAbsoluteFiles(config).withOnlyPath("lorasim").root().render(ConfigRenderOptions.defaults().setComments(false)
                .setOriginComments(false).setJson(false).setFormatted(true));
    }

    public Path dir() {
        return dir;
    }

    public Path checkpointDir() {
        return dir.resolve(CHECKPOINT);
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

    /** Writes {@code clients.csv} at once; the label-mix plot comes with the report. */
    @Override
    public void split(ClientSplit clientSplit) {
        split = clientSplit;
        AtomicFiles.writeString(dir.resolve(ClientsCsv.FILE), ClientsCsv.render(clientSplit));
    }

    /**
     * Horizontal reference lines for the accuracy plots (e.g. the majority class), drawn from the next
     * {@link #writeReport} on.
     */
    public void references(List<LineCharts.ReferenceLine> lines) {
        references = List.copyOf(lines);
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
        AtomicFiles.writeString(dir.resolve(SUMMARY), RunJson.pretty(RunJson.summary(runSummary)));
        eventsDirty = true;
        writeReport();
    }

    /**
     * Writes the events, the plots and {@code report.html} from what has been received so far; called at the
     * end, and by the command line when a run stops with an exception.
     */
    public void writeReport() {
        flushEvents();
        int classes = split == null ? 0 : split.labelNames().size();
        List<RunPlots.Plot> plots = RunPlots.write(dir, rounds, synthetic,
                new RunPlots.Context(name, references, events, classes));
        List<RunPlots.Plot> splitPlots = new ArrayList<>();
        ParticipationTimeline.write(dir, participation, synthetic).ifPresent(splitPlots::add);
        LabelMixPlot.write(dir, split, name).ifPresent(splitPlots::add);
        AtomicFiles.writeString(dir.resolve(REPORT), RunReport.html(new RunReport.Page(name, scenario, summary,
                initialAccuracy, rounds, events, participation, split, plots, splitPlots, synthetic)));
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
