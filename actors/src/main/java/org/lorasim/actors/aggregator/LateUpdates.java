package org.lorasim.actors.aggregator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lorasim.policies.Checks;

/**
 * The aggregator's buffer of client updates that arrived after their round closed (DESIGN.md,
 * "AggregatorActor"; the "drop or accept late updates with staleness"). A pure class: the
 * aggregator offers each {@link RoundCollector.LateArrival} (or an update it got for a round it already
 * closed) and, when it aggregates round {@code r}, takes what is pending for {@code r}.
 *
 * <p>With {@link LatePolicy#DROP} every offered update is recorded as dropped at once. With
 * {@link LatePolicy#ACCEPT_WITH_STALENESS} it waits for the next aggregation, where it gets staleness
 * {@code s = currentRound - sentAtRound} (sentAtRound: the round whose global state the client trained
 * from). Choice (asynchronous FL leaves it open): an update with {@code s > maxStaleness} is dropped at
 * that point rather than aggregated; {@code maxStaleness = Integer.MAX_VALUE} keeps every one. How a
 * stale update is weighted is the policy's business, not this buffer's.
 *
 * <p>Order is fixed, so runs repeat: taken updates are sorted by (sentAtRound, clientId, arrivedAt),
 * dropped ones are listed in the order they were dropped.
 */
public final class LateUpdates {

    /** A late update accepted into round {@code round} of aggregation. */
    public record StaleUpdate(int clientId, int sentAtRound, int staleness, long arrivedAt,
                              RoundCollector.Update update) {
    }

    public enum DropReason { POLICY_DROP, TOO_STALE }

    /** A late update that no aggregation will see. */
    public record DroppedUpdate(int clientId, int sentAtRound, long arrivedAt, DropReason reason) {
    }

    private record Pending(RoundCollector.UpdateArrived update, long arrivedAt) {
    }

    private static final Comparator<Pending> ORDER = Comparator
            .comparingInt((Pending p) -> p.update().sentAtRound())
            .thenComparingInt(p -> p.update().clientId())
            .thenComparingLong(Pending::arrivedAt);

    private final LatePolicy policy;
    private final int maxStaleness;
    private final List<Pending> pending = new ArrayList<>();
    private final List<DroppedUpdate> dropped = new ArrayList<>();

    public LateUpdates(LatePolicy policy, int maxStaleness) {
        Checks.require(policy != null, "policy must not be null");
        Checks.require(maxStaleness >= 1, "maxStaleness must be >= 1, got " + maxStaleness);
        this.policy = policy;
        this.maxStaleness = maxStaleness;
    }

    /** A buffer without a staleness bound. */
    public LateUpdates(LatePolicy policy) {
        this(policy, Integer.MAX_VALUE);
    }

    public LatePolicy policy() {
        return policy;
    }

    /** Records {@code update}, which arrived at {@code arrivedAt} after its round closed. */
    public void offer(RoundCollector.UpdateArrived update, long arrivedAt) {
        Checks.require(update != null, "update must not be null");
        Checks.require(arrivedAt >= 0, "arrivedAt must be >= 0, got " + arrivedAt);
        if (policy == LatePolicy.DROP) {
            dropped.add(new DroppedUpdate(update.clientId(), update.sentAtRound(), arrivedAt, DropReason.POLICY_DROP));
        } else {
            pending.add(new Pending(update, arrivedAt));
        }
    }

    /** Offers the update inside {@code late}; other late inputs (failures, ...) carry no update and are ignored. */
    public void offer(RoundCollector.LateArrival late) {
        Checks.require(late != null, "late must not be null");
        if (late.input() instanceof RoundCollector.UpdateArrived update) {
            offer(update, late.at());
        }
    }

    /**
     * The pending updates that join the aggregation of {@code currentRound}, each with its staleness; the
     * buffer is empty afterwards. {@code currentRound} must be later than every pending sentAtRound.
     */
    public List<StaleUpdate> takeFor(int currentRound) {
        List<Pending> ordered = new ArrayList<>(pending);
        ordered.sort(ORDER);
        for (Pending p : ordered) {
            Checks.require(p.update().sentAtRound() < currentRound, "currentRound " + currentRound
                    + " must be later than the sentAtRound " + p.update().sentAtRound() + " of client "
                    + p.update().clientId() + "'s late update");
        }
        pending.clear();
        List<StaleUpdate> taken = new ArrayList<>();
        for (Pending p : ordered) {
            RoundCollector.UpdateArrived u = p.update();
            int staleness = currentRound - u.sentAtRound();
            if (staleness > maxStaleness) {
                dropped.add(new DroppedUpdate(u.clientId(), u.sentAtRound(), p.arrivedAt(), DropReason.TOO_STALE));
            } else {
                taken.add(new StaleUpdate(u.clientId(), u.sentAtRound(), staleness, p.arrivedAt(), u.update()));
            }
        }
        return List.copyOf(taken);
    }

    /** Forgets the pending updates (an aggregator that crashed lost them with its memory). */
    public void clear() {
        pending.clear();
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Every update dropped so far, in the order it was dropped. */
    public List<DroppedUpdate> dropped() {
        return List.copyOf(dropped);
    }
}
