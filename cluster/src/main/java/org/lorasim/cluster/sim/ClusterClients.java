package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.gossip.GossipClients;
import org.lorasim.actors.run.ClientPlacement;

/**
 * The clients of a run on the cluster's {@code clients} nodes, as seen from the coordinator. Preparing sends
 * the scenario to the {@link ClientHost} of every {@code clients} node that is up (waiting up to
 * {@code hostWait} for each to register), waits until every one has built its clients and started its shard
 * region, then starts the coordinator's proxy of the region and every client's entity. Each participant is a local
 * {@link ShardedParticipant}: the clock, the aggregator and the scenario runner address clients exactly as in
 * one JVM. Deliveries, answers and trainer results pass through the run's {@link ClientRelay}, which reports the
 * clients of a lost node as crashed; the clock hands it each wave's deliveries to the run's clients at once
 * ({@link Clock.RelayVia}), and it sends each node's share to that node's {@link WaveRelay} in one batch. A
 * decentralized run's gossip nodes and their links are hosted the same way
 * ({@link GossipEntity}), each participant a stand-in named as the entity's child it stands for, their
 * deliveries batched, acknowledged and sent again as a centralized client's are.
 */
public final class ClusterClients implements ClientPlacement {
    private static final long POLL_MILLIS = 100;
    /** Entity starts outstanding at once ({@link EntityStarter}): under Artery's outbound queue of 3,072. */
    private static final int START_WINDOW = 2_000;
    /** Only if the starter never answers; it answers within {@code hostWait} of the last entity that started. */
    private static final Duration START_BACKSTOP = Duration.ofHours(6);

    private final String runId;
    private final String scenario;
    private final int clientCount;
    private final Duration hostWait;
    private final Duration prepareTimeout;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private volatile List<String> hosts = List.of();
    private ActorRef<Object> relay;
    private ActorRef<Object> starter;
    private org.lorasim.policies.adapter.Adapter initial;
    private ActorRef<Clock.Command> clock;
    private final CompletionStage<List<BaseWarmer.Warmed>> warmUp;

    /**
     * @param hostWait       how long to wait for the {@code clients} nodes to register their hosts
     * @param prepareTimeout how long one node may take to build its clients (it reads the data set)
     * @param warmUp         the trainer nodes' loads of the run's base ({@link TrainerWarmUp}), awaited once the
     *                       clients nodes are prepared: one that failed fails the run before its first round
     */
    public ClusterClients(String runId, Config scenario, Duration hostWait, Duration prepareTimeout,
                          CompletionStage<List<BaseWarmer.Warmed>> warmUp) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.scenario = ScenarioText.render(scenario);
        this.clientCount = scenario.getInt("lorasim.clients.count");
        this.hostWait = hostWait;
        this.prepareTimeout = prepareTimeout;
        this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
    }

    /** Deliveries the coordinator sent to client entities so far, batched or not. */
    public long deliveriesForwarded() {
        return forwarded.sum();
    }

    /** The batch messages ({@link WaveRelay.DeliveredBatch}) that carried them, one or a few per node and wave. */
    public long deliveryBatches() {
        return batches.sum();
    }

    /** The addresses of the nodes that host this run's clients, once prepared. */
    public List<String> hosts() {
        return hosts;
    }

    @Override
    public CompletionStage<Void> prepare(ActorContext<?> site, ActorRef<Clock.Command> clock,
                                         ActorRef<Object> recorder) {
        ActorSystem<?> system = site.getSystem();
        int shards = RunShards.settings(system).numberOfShards();
        HashCodeMessageExtractor<ClientEntity.Deliver> extractor = new HashCodeMessageExtractor<>(shards);
        this.clock = clock;
        relay = site.spawn(ClientRelay.create(clock, recorder,
                new ClientLocations(id -> extractor.shardId(Integer.toString(id))), forwarded, batches), "client-relay");
        starter = site.spawn(EntityStarter.create(relay, START_WINDOW, hostWait), "entity-starter");
        site.spawn(PayloadGuard.forRun(clock), "payload-guard");
        long start = System.nanoTime();
        long deadline = start + hostWait.toNanos();
        return poll(() -> registeredHosts(system), found -> found != null && !found.isEmpty()
                && found.size() >= clientsMembers(system), deadline)
                .thenCompose(found -> {
                    if (found == null || found.isEmpty()) {
                        throw new IllegalStateException("no node with role " + Roles.CLIENTS + " registered within "
                                + hostWait.toSeconds() + " s; start one with that role (lorasim node --role clients)");
                    }
                    return prepareAll(system, found, clock, recorder);
                })
                .thenCompose(ready -> warmUp.thenApply(warmed -> {
                    String failure = TrainerWarmUp.failure(warmed);
                    if (failure != null) {
                        throw new IllegalStateException(failure);
                    }
                    warmed.forEach(w -> system.log().info("run {}: trainer node {} {}", runId, w.node(),
                            w.millis() < 0 ? "is still loading the base" : "had the base after " + w.millis() + " ms"));
                    return ready;
                }))
                .thenCompose(ready -> {
                    system.log().info("run {}: {} clients node(s) prepared after {} ms", runId, ready.size(),
                            (System.nanoTime() - start) / 1_000_000);
                    ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region = ClusterSharding.get(system).init(Entity.of(RunShards.typeKey(runId), entity -> {
                                throw new IllegalStateException("the coordinator does not host clients");
                            }).withRole(Roles.CLIENTS).withSettings(RunShards.settings(system))
                            .withAllocationStrategy(new NoRebalance()));
                    relay.tell(new ClientRelay.UseRegion(region));
                    org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(region);
                    return poll(() -> regions(classic), regions -> regions != null && regions >= ready.size(),
                            System.nanoTime() + hostWait.toNanos())
                            .thenCompose(regions -> {
                                system.log().info("run {}: {} shard region(s) registered after {} ms", runId, regions,
                                        (System.nanoTime() - start) / 1_000_000);
                                return startEntities(system, classic);
                            });
                })
                .thenApply(started -> {
                    system.log().info("run {}: {} of {} client entities started after {} ms", runId, started,
                            clientCount, (System.nanoTime() - start) / 1_000_000);
                    return null;
                });
    }

    /** As {@link #prepare}; every clients node builds its gossip nodes from {@code initial} ({@link GossipEntity}). */
    @Override
    public CompletionStage<Void> prepareGossip(ActorContext<?> site, ActorRef<Clock.Command> clock,
                                               ActorRef<Object> recorder, org.lorasim.policies.adapter.Adapter initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
        return prepare(site, clock, recorder);
    }

    /**
     * Stand-ins of gossip node {@code clientId} and its links, named as its entity's children, their deliveries
     * relayed per wave as a centralized client's are.
     */
    @Override
    public GossipParticipants gossipParticipants(ActorContext<?> site, int clientId, int[] neighbours) {
        ActorRef<Clock.Delivered> node = site.spawn(ShardedParticipant.create(relay, clientId, ClientRole.CLIENT),
                GossipClients.nodeName(clientId));
        relay.tell(new ClientRelay.Participant(clientId, ClientRole.CLIENT, node));
        TreeMap<Integer, ActorRef<Clock.Delivered>> links = new TreeMap<>();
        for (int to : neighbours) {
            ActorRef<Clock.Delivered> link = site.spawn(ShardedParticipant.create(relay, clientId, ClientRole.UPLINK,
                    to), GossipClients.linkName(clientId, to));
            relay.tell(new ClientRelay.Participant(clientId, ClientRole.UPLINK, to, link));
            links.put(to, link);
        }
        List<ActorRef<Clock.Delivered>> relayed = new ArrayList<>(links.values());
        relayed.add(0, node);
        clock.tell(new Clock.RelayVia(relayed, relay.narrow()));
        return new GossipParticipants(node, links);
    }

    @Override
    public Participants participants(ActorContext<?> site, int clientId) {
        Participants p = new Participants(
                site.spawn(ShardedParticipant.create(relay, clientId, ClientRole.CLIENT), "client-" + clientId),
                site.spawn(ShardedParticipant.create(relay, clientId, ClientRole.UPLINK), "client-" + clientId + "-up"),
                site.spawn(ShardedParticipant.create(relay, clientId, ClientRole.DOWNLINK), "client-" + clientId + "-down"));
        relay.tell(new ClientRelay.Participant(clientId, ClientRole.CLIENT, p.client()));
        relay.tell(new ClientRelay.Participant(clientId, ClientRole.UPLINK, p.uplink()));
        relay.tell(new ClientRelay.Participant(clientId, ClientRole.DOWNLINK, p.downlink()));
        clock.tell(new Clock.RelayVia(List.of(p.client(), p.uplink(), p.downlink()), relay.narrow()));
        return p;
    }

    /**
     * Starts every client's entity before the run ({@link EntityStarter}, a window at a time), and waits until
     * every entity has told the relay where it started, or until {@code hostWait} passes with none starting: every
     * shard is then allocated and its home known, so that after a node is lost no allocation is needed (it would
     * wait for the coordinator's state to be written to a majority of the clients nodes, which counts the lost node
     * until it is removed); it also spreads the clients over the nodes before any delivery.
     */
    private CompletionStage<Integer> startEntities(ActorSystem<?> system, org.apache.pekko.actor.ActorRef region) {
        return AskPattern.<Object, Integer>ask(starter, replyTo -> new EntityStarter.Start(clientCount, region, replyTo),
                START_BACKSTOP, system.scheduler());
    }

    private CompletionStage<List<ClientHost.Prepared>> prepareAll(ActorSystem<?> system, Set<ActorRef<ClientHost.Command>> found,
                                                                  ActorRef<Clock.Command> clock, ActorRef<Object> recorder) {
        List<CompletableFuture<ClientHost.Prepared>> asks = new ArrayList<>();
        for (ActorRef<ClientHost.Command> host : found) {
            asks.add(AskPattern.<ClientHost.Command, ClientHost.Prepared>ask(host,
                            replyTo -> new ClientHost.Prepare(runId, scenario, relay.narrow(), recorder,
                                    starter.narrow(), relay.narrow(), replyTo, initial),
                            prepareTimeout, system.scheduler()).toCompletableFuture()
                    .exceptionally(e -> new ClientHost.Prepared(runId, host.path().address().toString(),
                            "no answer within " + prepareTimeout.toSeconds() + " s (" + e.getMessage() + ")", null)));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(all -> {
            List<ClientHost.Prepared> answers = asks.stream().map(CompletableFuture::join).toList();
            List<String> failures = answers.stream().filter(a -> a.failure() != null)
                    .map(a -> a.node() + ": " + a.failure()).toList();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("clients nodes could not prepare run " + runId + ": " + failures);
            }
            hosts = answers.stream().map(ClientHost.Prepared::node).sorted().toList();
            Map<String, ActorRef<WaveRelay.Command>> relays = new HashMap<>();
            answers.forEach(a -> relays.put(a.node(), a.relay()));
            relay.tell(new ClientRelay.UseNodeRelays(relays));
            return answers;
        });
    }

    private static CompletionStage<Set<ActorRef<ClientHost.Command>>> registeredHosts(ActorSystem<?> system) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(ClientHost.KEY, replyTo), Duration.ofSeconds(3), system.scheduler())
                .thenApply(listing -> listing.getServiceInstances(ClientHost.KEY));
    }

    private static int clientsMembers(ActorSystem<?> system) {
        return membersUp(system, Roles.CLIENTS);
    }

    /** The members Up with {@code role}, as this node sees them. */
    static int membersUp(ActorSystem<?> system, String role) {
        int n = 0;
        for (org.apache.pekko.cluster.Member m : Cluster.get(system).state().getMembers()) {
            if (m.status() == MemberStatus.up() && m.hasRole(role)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The shard regions registered with the run's shard coordinator, asked through the coordinator's proxy
     * region ({@code GetCurrentRegions}). (Sharding's {@code GetClusterShardingStats}, asked through the typed
     * {@code shardState}, answered no regions at all here, so a wait on it always ran to its end.)
     */
    private static CompletionStage<Integer> regions(org.apache.pekko.actor.ActorRef region) {
        return Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(3))
                .thenApply(reply -> ((ShardRegion.CurrentRegions) reply).getRegions().size());
    }

    /** Asks {@code query} every 100 ms until {@code done} holds or {@code deadline} passes; then its last answer. */
    static <T> CompletionStage<T> poll(Supplier<CompletionStage<T>> query, java.util.function.Predicate<T> done,
                                       long deadline) {
        return query.get().handle((value, failure) -> failure == null ? value : null).thenCompose(value -> {
            if (done.test(value) || System.nanoTime() >= deadline) {
                return CompletableFuture.completedFuture(value);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(POLL_MILLIS, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> poll(query, done, deadline));
        });
    }
}
