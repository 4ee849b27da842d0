package org.lorasim.cluster.node;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.cluster.typed.Unsubscribe;

/**
 * Waits, bounded in time, until the cluster has an Up member for each role a run needs: a run on a cluster
 * without a trainer node fails with "no node has role trainer" instead of waiting for ever.
 *
 * <p>A local watcher subscribes to member events and re-checks, on each, the membership those events make up
 * (its own view), and then waits for the node's {@code Cluster.state()} to agree, since callers read that next:
 * it is updated by another subscriber and may lag behind the last event, after which no event would come to
 * re-check it (a stable cluster waited out the whole time-out, under load, with every member Up); so only in that
 * moment of lag it is looked at again every 20 ms.
 */
public final class ClusterRoles {

    private static final AtomicLong WATCHERS = new AtomicLong();

    private enum GiveUp { INSTANCE }

    private enum ReadViewCheck { INSTANCE }

    /** How soon the node's own view is looked at again when the member events already satisfy the condition. */
    private static final Duration READ_VIEW_RECHECK = Duration.ofMillis(20);

    private ClusterRoles() {
    }

    /**
     * Blocks until every role has an Up member.
     *
     * @throws MissingRoleException after {@code timeout}, naming the roles no Up member has and the members seen
     */
    public static void awaitRoles(ActorSystem<?> system, Set<NodeRole> roles, Duration timeout) {
        await(whenRoles(system, roles, timeout), timeout);
    }

    private static void await(CompletionStage<Void> stage, Duration timeout) {
        try {
            stage.toCompletableFuture().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MissingRoleException missing) {
                throw new MissingRoleException(missing.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new MissingRoleException("the cluster watcher did not answer within " + words(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for cluster members", e);
        }
    }

    /** Completes when every role has an Up member, or fails with {@link MissingRoleException} after {@code timeout}. */
    public static CompletionStage<Void> whenRoles(ActorSystem<?> system, Set<NodeRole> roles, Duration timeout) {
        Set<NodeRole> wanted = roles.isEmpty() ? EnumSet.noneOf(NodeRole.class) : EnumSet.copyOf(roles);
        return when(system, members -> missing(members, wanted).isEmpty(), timeout,
                s -> new MissingRoleException(describeMissing(s, wanted, timeout)));
    }

    /**
     * Blocks until this node sees at least {@code count} members Up (all nodes of a cluster that was started
     * together, say).
     *
     * @throws MissingRoleException after {@code timeout}, naming the members seen and their status
     */
    public static void awaitMembersUp(ActorSystem<?> system, int count, Duration timeout) {
        await(when(system, members -> upCount(members) >= count, timeout, s -> new MissingRoleException("only "
                + upCount(Cluster.get(s).state().getMembers())
                + " of " + count + " nodes are Up (waited " + words(timeout) + "); members: " + members(s))), timeout);
    }

    private static int upCount(Iterable<Member> members) {
        int up = 0;
        for (Member m : members) {
            if (m.status() == MemberStatus.up()) {
                up++;
            }
        }
        return up;
    }

    /** Completes once {@code condition} holds, re-checked on every member event; fails after {@code timeout}. */
    private static CompletionStage<Void> when(ActorSystem<?> system, Predicate<Iterable<Member>> condition,
                                              Duration timeout, Function<ActorSystem<?>, RuntimeException> failure) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (condition.test(Cluster.get(system).state().getMembers())) {
            done.complete(null);
            return done;
        }
        system.systemActorOf(watcher(condition, timeout, failure, done), "lorasim-await-members-"
                + WATCHERS.incrementAndGet(), Props.empty());
        return done;
    }

    /** The roles of {@code wanted} that no Up member has now. */
    public static Set<NodeRole> missing(ActorSystem<?> system, Set<NodeRole> wanted) {
        return missing(Cluster.get(system).state().getMembers(), wanted);
    }

    private static Set<NodeRole> missing(Iterable<Member> members, Set<NodeRole> wanted) {
        Set<NodeRole> missing = wanted.isEmpty() ? EnumSet.noneOf(NodeRole.class) : EnumSet.copyOf(wanted);
        for (Member m : members) {
            if (m.status() == MemberStatus.up()) {
                missing.removeIf(r -> m.hasRole(r.roleName()));
            }
        }
        return missing;
    }

    private static Behavior<Object> watcher(Predicate<Iterable<Member>> condition, Duration timeout,
                                            Function<ActorSystem<?>, RuntimeException> failure,
                                            CompletableFuture<Void> done) {
        return Behaviors.setup(context -> {
            ActorRef<ClusterEvent.MemberEvent> events = context.getSelf().narrow();
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(events,
                    ClusterEvent.MemberEvent.class));
            return Behaviors.withTimers(timers -> {
                timers.startSingleTimer(GiveUp.INSTANCE, timeout);
                Map<UniqueAddress, Member> members = new HashMap<>();
                return Behaviors.receive(Object.class)
                        .onMessage(ClusterEvent.MemberEvent.class, event -> {
                            if (event instanceof ClusterEvent.MemberRemoved) {
                                members.remove(event.member().uniqueAddress());
                            } else {
                                members.put(event.member().uniqueAddress(), event.member());
                            }
                            if (condition.test(members.values())) {
                                return finishWhenReadViewAgrees(context.getSystem(), condition, events, done, timers);
                            }
                            return Behaviors.same();
                        })
                        .onMessage(ReadViewCheck.class, check ->
                                finishWhenReadViewAgrees(context.getSystem(), condition, events, done, timers))
                        .onMessage(GiveUp.class, g -> {
                            done.completeExceptionally(failure.apply(context.getSystem()));
                            return stop(context.getSystem(), events);
                        })
                        .build();
            });
        });
    }

    /**
     * The member events satisfy the condition: done once {@code Cluster.state()}, which callers read next, does
     * too; it follows the same events a moment later, so it is looked at again every {@link #READ_VIEW_RECHECK}
     * until then (bounded by the give-up timer).
     */
    private static Behavior<Object> finishWhenReadViewAgrees(ActorSystem<?> system, Predicate<Iterable<Member>> condition,
                                                             ActorRef<ClusterEvent.MemberEvent> events,
                                                             CompletableFuture<Void> done,
                                                             org.apache.pekko.actor.typed.javadsl.TimerScheduler<Object> timers) {
        if (condition.test(Cluster.get(system).state().getMembers())) {
            done.complete(null);
            return stop(system, events);
        }
        timers.startSingleTimer(ReadViewCheck.INSTANCE, READ_VIEW_RECHECK);
        return Behaviors.same();
    }

    private static Behavior<Object> stop(ActorSystem<?> system, ActorRef<ClusterEvent.MemberEvent> events) {
        Cluster.get(system).subscriptions().tell(new Unsubscribe<>(events));
        return Behaviors.stopped();
    }

    /** "no node has role trainer within 5s; members: ADDRESS [roles] STATUS, ..." */
    static String describeMissing(ActorSystem<?> system, Set<NodeRole> wanted, Duration timeout) {
        Set<NodeRole> missing = missing(system, wanted);
        String which = missing.stream().map(NodeRole::roleName).collect(Collectors.joining(", "));
        return "no node has role " + which + " (waited " + words(timeout) + "); members: " + members(system)
                + ". Start a node with --role " + which + " that joins this cluster.";
    }

    private static String members(ActorSystem<?> system) {
        String members = StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .map(ClusterRoles::describe).collect(Collectors.joining(", "));
        return members.isEmpty() ? "none" : members;
    }

    /** {@code 5 s}, or {@code 1500 ms} where seconds would round. */
    static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String describe(Member m) {
        return m.address() + " " + new java.util.TreeSet<>(m.getRoles()).stream()
                .filter(r -> !r.startsWith("dc-")).collect(Collectors.toList()) + " " + m.status();
    }
}
