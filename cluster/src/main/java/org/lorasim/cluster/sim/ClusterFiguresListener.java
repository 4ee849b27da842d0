package org.lorasim.cluster.sim;

/**
 * Hears the cluster's figures during a run on a cluster ({@link ClusterSimulation#run}): after each round (asked
 * of every node when the round's record reaches the run's listener, so they are those of a moment just after
 * the round ended, in wall time) and once at the end. Called from other threads than the run's listener;
 * a round's figures may arrive after the next round's, never after {@link #finished}.
 */
public interface ClusterFiguresListener {

    ClusterFiguresListener NONE = new ClusterFiguresListener() {
    };

    default void round(int round, ClusterView view) {
    }

    default void finished(ClusterView view) {
    }
}
