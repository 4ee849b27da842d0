package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;

/**
 * A run whose submitting process is lost (here: its node leaves the cluster, as a killed or stopped {@code lorasim
 * run --cluster} does) stops on its coordinator node instead of going on unheard to its end. Real loopback nodes:
 * coordinator; clients and trainer; the submitter's, with no role.
 */
class SubmitterLossRunTest {

    @Test
    void aRunWhoseSubmitterIsLostStopsOnItsCoordinatorNode() throws Exception {
        // Setup: a run of about 30 wall seconds a round (realtime at 1/20 of real time): 30 rounds would take minutes
        Config scenario = Recording.scenario("""
                lorasim.run { trainer = cost-model, rounds = 30, seed = 2 }
                lorasim.clients.count = 4
                lorasim.clock { mode = realtime, speed = 0.05 }
                """);
        CountDownLatch firstRound = new CountDownLatch(1);
        RunListener listener = new RunListener() {
            @Override
            public void round(RoundRecord record) {
                firstRound.countDown();
            }
        };
        try (LoopbackCluster cluster = LoopbackCluster.start("coordinator", "clients,trainer", "")) {
            Thread submitting = new Thread(() -> ClusterRuns.submit(cluster.node(2), scenario, listener,
                    RunSubmitter.Timing.DEFAULT), "test-submitter");
            submitting.setDaemon(true);
            submitting.start();
            assertThat(firstRound.await(120, TimeUnit.SECONDS)).as("the run's first round reached the submitter").isTrue();
            List<Thread> running = runThreads();
            assertThat(running).as("the run's thread on the coordinator node").hasSize(1);

            // Execute
            cluster.node(2).terminate();

            // Verify
            running.get(0).join(TimeUnit.SECONDS.toMillis(60));
            assertThat(running.get(0).isAlive()).as("the run still going 60 s after its submitter left").isFalse();
        }
    }

    /** The threads that run a submitted run on its coordinator node ({@link RunAttempt}), in this JVM. */
    private static List<Thread> runThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("lorasim-run-"))
                .toList();
    }
}
