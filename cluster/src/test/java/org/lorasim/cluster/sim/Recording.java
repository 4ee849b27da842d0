package org.lorasim.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunListener;
import org.lorasim.actors.run.RunSummary;

/** What a run told its listener, wall times taken out. */
final class Recording implements RunListener {
    final List<RoundRecord> rounds = new ArrayList<>();
    final List<RunEvent> events = new ArrayList<>();
    RoundRecord initial;
    RunSummary summary;

    @Override
    public void initial(RoundRecord before) {
        initial = before;
    }

    @Override
    public void round(RoundRecord record) {
        rounds.add(record.withoutWallTime());
    }

    @Override
    public void event(RunEvent event) {
        events.add(event);
    }

    @Override
    public void finished(RunSummary summary) {
        this.summary = summary;
    }
}
