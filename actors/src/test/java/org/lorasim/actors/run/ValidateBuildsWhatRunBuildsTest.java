package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * {@link Simulation#validate} refuses, as a {@link ConfigException} naming the key, everything a run would refuse
 * while building its parts: before this, each of these passed validate and failed the run with a bare
 * IllegalArgumentException after its folder was made.
 */
class ValidateBuildsWhatRunBuildsTest {

    private static final String GOSSIP = "lorasim.run { variant = decentralized, algorithm = dec-lora }\n";

    @Test
    void aRingOrTorusOfOneNodeIsRefusedOnTheTopologyKey() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(1, 2,
                GOSSIP + "lorasim.algorithms.dec-lora.topology = ring")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.algorithms.dec-lora.topology")
                .hasMessageContaining("lorasim.clients.count = 1");
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(1, 2,
                GOSSIP + "lorasim.algorithms.dec-lora.topology = torus")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.algorithms.dec-lora.topology");
    }

    @Test
    void aRandomRegularDegreeOfAtLeastTheClientCountIsRefused() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2,
                GOSSIP + "lorasim.algorithms.dec-lora { topology = random-regular, degree = 4 }")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.algorithms.dec-lora.topology");
    }

    @Test
    void aRankAboveTheHiddenSizeIsRefused() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2, "lorasim.model.rank = 385")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.model.rank").hasMessageContaining("<= 384");
        assertThatCode(() -> Simulation.validate(Scenarios.systemOnly(4, 2, "lorasim.model.rank = 384")))
                .doesNotThrowAnyException();
    }

    @Test
    void aSetLinkBandwidthBelowOneBytePerSecondIsRefusedNotIgnored() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2,
                "lorasim.scenario.events = [{ at-round = 1, action = set-link, clients = [0], bandwidth = 0.5 }]")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bandwidth").hasMessageContaining("at least 1 byte per second");
    }

    @Test
    void numbersThatMustBeWholeAreRefusedWhenTheyAreNot() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2, "lorasim.run.rounds = 2.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.run.rounds").hasMessageContaining("whole number");
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2,
                "lorasim.run.seed = 99999999999999999999999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.run.seed").hasMessageContaining("99999999999999999999999");
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2,
                "lorasim.scenario.events = [{ at-round = 1, action = crash, clients = [0, 1.5] }]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(4, 2,
                "lorasim.scenario.events = [{ at-round = 1.5, action = crash, clients = [0] }]")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at-round");
    }

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> Simulation.validate(Scenarios.systemOnly(4, 2, ""))).doesNotThrowAnyException();
        assertThatCode(() -> Simulation.validate(Scenarios.systemOnly(4, 2, GOSSIP))).doesNotThrowAnyException();
    }
}
