package org.lorasim.actors.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioScriptTest {

    @Test
    void everyActionReadsBackAsTheSameActionAtTheSameTime() {
        List<ScenarioAction> actions = List.of(
                new ScenarioAction.CrashClients(List.of(1, 3), true, 2_500_000_000L),
                new ScenarioAction.CrashClients(List.of(0), false, 0),
                new ScenarioAction.RemoveClients(List.of(4)),
                new ScenarioAction.RecoverClients(List.of(1)),
                new ScenarioAction.SlowDown(List.of(2), 7.5),
                new ScenarioAction.SetLinks(List.of(3), ScenarioAction.Direction.UP, 125_000, -1, Double.NaN),
                new ScenarioAction.SetLinks(List.of(3), ScenarioAction.Direction.BOTH, -1, 20_000_000, 0.25),
                new ScenarioAction.LinksDown(List.of(5), ScenarioAction.Direction.DOWN, true),
                new ScenarioAction.LinksDown(List.of(5), ScenarioAction.Direction.BOTH, false),
                new ScenarioAction.Partition(List.of(List.of(0, 1), List.of(2))),
                new ScenarioAction.Heal(),
                new ScenarioAction.CrashAggregator(1_000_000_000L),
                new ScenarioAction.RecoverAggregator());
        long time = 123_456_789_012L;
        for (ScenarioAction action : actions) {
            List<ScenarioEvent> read = ScenarioSettings.from(ConfigFactory.parseString(
                    "lorasim.scenario.events = [" + ScenarioScript.event(time, action) + "]"), 8);
            assertThat(read).singleElement().satisfies(e -> {
                assertThat(e.atTime()).isEqualTo(time);
                assertThat(e.action()).isEqualTo(action);
            });
        }
    }
}
