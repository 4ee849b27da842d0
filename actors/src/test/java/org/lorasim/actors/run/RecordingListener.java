package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps everything a run reports, for assertions. */
class RecordingListener implements RunListener {
    final List<RoundRecord> rounds = Collections.synchronizedList(new ArrayList<>());
    final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<Participation> participation = Collections.synchronizedList(new ArrayList<>());
    volatile double initial = Double.NaN;
    volatile RoundRecord before;
    volatile ClientSplit split;
    volatile RunSummary summary;
    volatile List<Reference> references = List.of();

    @Override
    public void initial(RoundRecord before) {
        initial = before.accuracy();
        this.before = before;
    }

    @Override
    public void split(ClientSplit clientSplit) {
        split = clientSplit;
    }

    @Override
    public void references(List<Reference> levels) {
        references = levels;
    }

    @Override
    public void round(RoundRecord record) {
        rounds.add(record);
    }

    @Override
    public void participation(Participation p) {
        participation.add(p);
    }

    @Override
    public void event(RunEvent event) {
        events.add(event);
    }

    @Override
    public void finished(RunSummary s) {
        summary = s;
    }

    List<RoundRecord> deterministicRounds() {
        return rounds.stream().map(RoundRecord::withoutWallTime).toList();
    }

    List<String> eventKinds() {
        return events.stream().map(RunEvent::kind).toList();
    }
}
