package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A system-only run charges every client the bytes and parameters of the adapter it was told to train, not the
 * global adapter's: FlexLoRA with client ranks 2 and 8 uploads what a rank-2 and a rank-8 FedIT client upload
 * (before this, the system-effects experiment showed FlexLoRA, HetLoRA and SA-FedLoRA sending exactly FedIT's
 * bytes at the global rank).
 */
class SystemOnlyRanksTest {

    private static final String ALL = "lorasim.rounds.clients-per-round = 2\nlorasim.model.rank = 8\n";

    private static List<RoundRecord> rounds(String more) {
        RecordingListener listener = new RecordingListener();
        RunSummary summary = Simulation.run(Scenarios.systemOnly(2, 2, ALL + more), listener, null);
        assertThat(summary.finished()).isTrue();
        return listener.rounds.stream().filter(r -> !r.isBefore()).toList();
    }

    @Test
    void flexLoraClientsOfRanksTwoAndEightSendWhatFedItClientsOfThoseRanksSend() {
        List<RoundRecord> rank8 = rounds("lorasim.run.algorithm = fedit");
        List<RoundRecord> rank2 = rounds("lorasim.run.algorithm = fedit\nlorasim.model.rank = 2");
        List<RoundRecord> flex = rounds("lorasim.run.algorithm = flexlora\nlorasim.algorithms.flexlora.client-ranks = [2, 8]");
        for (int i = 0; i < flex.size(); i++) {
            assertThat(rank2.get(i).parameters()).isLessThan(rank8.get(i).parameters());
            assertThat(flex.get(i).parameters()).isEqualTo((rank8.get(i).parameters() + rank2.get(i).parameters()) / 2);
            assertThat((double) flex.get(i).bytesUp())
                    .isCloseTo((rank8.get(i).bytesUp() + rank2.get(i).bytesUp()) / 2.0, within(64.0));
            assertThat((double) flex.get(i).bytesDown())
                    .isCloseTo((rank8.get(i).bytesDown() + rank2.get(i).bytesDown()) / 2.0, within(64.0));
        }
    }
}
