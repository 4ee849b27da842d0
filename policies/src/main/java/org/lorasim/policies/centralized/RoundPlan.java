package org.lorasim.policies.centralized;

import org.lorasim.policies.Checks;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The clients chosen for round {@code round}, in ascending id order, each with its instruction. */
public record RoundPlan(int round, List<ClientInstruction> instructions) {

    public RoundPlan {
        Checks.nonNegative("round", round);
        instructions = List.copyOf(instructions);
        Set<Integer> seen = new HashSet<>();
        for (ClientInstruction i : instructions) {
            Checks.require(seen.add(i.clientId()), "client " + i.clientId() + " is instructed twice in round " + round);
        }
    }

    public List<Integer> clientIds() {
        return instructions.stream().map(ClientInstruction::clientId).toList();
    }
}
