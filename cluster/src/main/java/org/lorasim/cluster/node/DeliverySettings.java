package org.lorasim.cluster.node;

import com.typesafe.config.Config;
import java.time.Duration;
import org.lorasim.actors.profile.ConfigReading;

/**
 * How the simulation's cross-JVM messages are recovered when lost ({@code lorasim.cluster.delivery}), and the
 * fault injection that tests it ({@code lorasim.cluster.chaos}); documented in the cluster module's
 * {@code reference.conf} and docs/cluster.md ("Payloads without loss").
 *
 * <p>Artery drops a message silently when its outbound queue overflows, when a frame is dropped by its receiver,
 * or when a connection is lost and restarted (STACK.md, Pekko traps); a sender that needs an answer then waits. The
 * senders of the clock's batches and of training requests keep each message until it is answered, ask again every
 * {@link #retransmitAfter} and, after {@link #maxRetransmissions} tries without any sign that it arrived, fail the
 * run naming the message, the node and these two keys.
 *
 * @param retransmitAfter    {@code lorasim.cluster.delivery.retransmit-after}: how long a sender waits for an
 *                           answer (or a sign of progress) before it sends again or asks
 * @param maxRetransmissions {@code lorasim.cluster.delivery.max-retransmissions}: tries after the first without a
 *                           sign of progress before the run fails
 * @param chaos              the fault injection, all zero (off) outside tests
 */
public record DeliverySettings(Duration retransmitAfter, int maxRetransmissions, Chaos chaos) {

    public static final String RETRANSMIT_AFTER = NodeSettings.key("delivery.retransmit-after");
    public static final String MAX_RETRANSMISSIONS = NodeSettings.key("delivery.max-retransmissions");

    /**
     * Fault injection for tests (off by default): each receiver drops the first so many messages of its kind that it
     * receives, as if Artery had lost them on the wire. Per receiving actor: each clients node's wave relay, the
     * coordinator's relay, each trainer node's inbox, each clients node's trainer router (one of each per run, the
     * inbox one per node).
     *
     * @param deliveredBatches {@code drop-delivered-batches}: wave batches a clients node's relay drops
     * @param handledBatches   {@code drop-handled-batches}: answer batches the coordinator's relay drops
     * @param trainingRequests {@code drop-training-requests}: training requests a trainer node's inbox drops
     * @param trainingOutcomes {@code drop-training-outcomes}: training outcomes a clients node's router drops
     * @param completions      {@code drop-completions}: outcomes from the clients nodes the coordinator's relay drops
     */
    public record Chaos(int deliveredBatches, int handledBatches, int trainingRequests, int trainingOutcomes,
                        int completions) {
        public static final Chaos NONE = new Chaos(0, 0, 0, 0, 0);

        public boolean any() {
            return deliveredBatches + handledBatches + trainingRequests + trainingOutcomes + completions > 0;
        }
    }

    /** The defaults of reference.conf. */
    public static DeliverySettings defaults() {
        return new DeliverySettings(Duration.ofSeconds(2), 5, Chaos.NONE);
    }

    /**
     * Reads and checks {@code lorasim.cluster.delivery} and {@code lorasim.cluster.chaos} of {@code config}.
     *
     * @throws com.typesafe.config.ConfigException naming the key (and its file and line) of a bad value
     */
    public static DeliverySettings from(Config config) {
        Duration after = config.getDuration(RETRANSMIT_AFTER);
        if (after.toMillis() < 10) {
            throw ConfigReading.bad(config, RETRANSMIT_AFTER, "must be at least 10ms, got "
                    + config.getValue(RETRANSMIT_AFTER).unwrapped());
        }
        int max = config.getInt(MAX_RETRANSMISSIONS);
        if (max < 0) {
            throw ConfigReading.bad(config, MAX_RETRANSMISSIONS, "must be >= 0, got " + max);
        }
        Chaos chaos = new Chaos(drops(config, "drop-delivered-batches"), drops(config, "drop-handled-batches"),
                drops(config, "drop-training-requests"), drops(config, "drop-training-outcomes"),
                drops(config, "drop-completions"));
        return new DeliverySettings(after, max, chaos);
    }

    /** How long a message may go unanswered before its sender gives up: every try and one more wait. */
    public Duration giveUpAfter() {
        return retransmitAfter.multipliedBy(maxRetransmissions + 1L);
    }

    private static int drops(Config config, String name) {
        String key = NodeSettings.key("chaos." + name);
        int n = config.getInt(key);
        if (n < 0) {
            throw ConfigReading.bad(config, key, "must be >= 0 (0: drop nothing), got " + n);
        }
        return n;
    }
}
