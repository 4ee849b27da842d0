package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The part every policy here shares: argument checks, client sampling by a {@link ClientSampler}, the
 * record of whom each round instructed, and the handling of failures and empty rounds. A subclass says
 * what one client starts from ({@link #instruct}) and how a non-empty round's updates are combined
 * ({@link #combine}). Updates are weighted by their {@code numExamples}.
 */
public abstract class SampledPolicy implements CentralizedPolicy {
    private final ClientSampler sampler;
    private final int localSteps;
    private final Map<Integer, Set<Integer>> instructed = new HashMap<>();

    protected SampledPolicy(ClientSampler sampler, int localSteps) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.localSteps = Checks.positive("local steps", localSteps);
    }

    public ClientSampler sampler() {
        return sampler;
    }

    public int localSteps() {
        return localSteps;
    }

    @Override
    public final RoundPlan configure(int round, GlobalState global, List<ClientInfo> available, RandomGenerator rng) {
        checkRound(round, global);
        List<ClientInstruction> instructions = new ArrayList<>();
        for (ClientInfo client : sampler.sample(eligible(round, global, Objects.requireNonNull(available, "available")), rng)) {
            instructions.add(instruct(round, global, client));
        }
        RoundPlan plan = new RoundPlan(round, instructions);
        instructed.put(round, new HashSet<>(plan.clientIds()));
        return plan;
    }

    @Override
    public final GlobalState aggregate(int round, GlobalState global, List<ClientUpdate> results, List<Failure> failures) {
        checkRound(round, global);
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(failures, "failures");
        Set<Integer> expected = instructed.get(round);
        Checks.require(expected != null, "round " + round + " was not configured by this policy");
        Set<Integer> seen = new HashSet<>();
        for (ClientUpdate u : results) {
            Objects.requireNonNull(u, "a client update");
            requireKnown(round, expected, seen, u.clientId(), "result");
        }
        for (Failure f : failures) {
            Objects.requireNonNull(f, "a failure");
            requireKnown(round, expected, seen, f.clientId(), "failure");
        }
        GlobalState next = results.isEmpty() ? global.emptyRound() : combine(round, global, results);
        instructed.remove(round);
        return next;
    }

    /**
     * The available clients this policy may sample this round, in their given order; every one by default.
     * A policy that cannot use some clients (FedPipe's clients without a plan) leaves them out here, so
     * they take no sampling slot.
     */
    protected List<ClientInfo> eligible(int round, GlobalState global, List<ClientInfo> available) {
        return available;
    }

    /** The instruction for one sampled client. */
    protected abstract ClientInstruction instruct(int round, GlobalState global, ClientInfo client);

    /** The state after round {@code round} from its (non-empty) updates. */
    protected abstract GlobalState combine(int round, GlobalState global, List<ClientUpdate> results);

    /** An instruction without a proximal term. */
    protected ClientInstruction plain(ClientInfo client, Adapter start) {
        return new ClientInstruction(client.clientId(), start, 0.0, null, localSteps);
    }

    /** The updates as aggregator input, each weighted by its number of examples. */
    protected static List<WeightedAdapter> weighted(List<ClientUpdate> results) {
        List<WeightedAdapter> out = new ArrayList<>(results.size());
        for (ClientUpdate u : results) {
            out.add(new WeightedAdapter(u.adapter(), u.numExamples()));
        }
        return out;
    }

    /** A client's per-matrix ranks, checked to be at most the global adapter's. */
    protected static Map<String, Integer> ranksWithinGlobal(ClientInfo client, Adapter global) {
        Map<String, Integer> ranks = client.ranksFor(global);
        ranks.forEach((name, r) -> Checks.require(r <= global.factors(name).rank(), "client " + client.clientId()
                + " asks for rank " + r + " of '" + name + "', above the global rank " + global.factors(name).rank()));
        return ranks;
    }

    private static void checkRound(int round, GlobalState global) {
        Objects.requireNonNull(global, "global state");
        Checks.require(round == global.round(), "round " + round + " does not match the global state's round "
                + global.round());
    }

    private static void requireKnown(int round, Set<Integer> expected, Set<Integer> seen, int clientId, String what) {
        Checks.require(expected.contains(clientId), "unknown client " + clientId + " in the " + what
                + "s of round " + round + ": it was not instructed (instructed: " + expected + ")");
        Checks.require(seen.add(clientId), "client " + clientId + " appears twice in the results and failures of round "
                + round);
    }
}
