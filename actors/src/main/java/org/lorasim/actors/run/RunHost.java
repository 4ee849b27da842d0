package org.lorasim.actors.run;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Where a run's actors live: by default in a fresh actor system of their own ({@link #OWN_SYSTEM}, stopped
 * when the run ends); in the cluster runtime under a node's long-lived actor system.
 */
public interface RunHost {

    /** A hosted run's root; closing it stops every actor of the run and waits until they have stopped. */
    interface Hosted extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts {@code root} with the run's {@code config}. */
    Hosted start(Behavior<Object> root, Config config);

    /** A fresh actor system named {@code lorasim} per run, terminated at the end. */
    RunHost OWN_SYSTEM = (root, config) -> {
        org.apache.pekko.actor.typed.ActorSystem<Object> system =
                org.apache.pekko.actor.typed.ActorSystem.create(root, "lorasim", config);
        return () -> {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        };
    };
}
