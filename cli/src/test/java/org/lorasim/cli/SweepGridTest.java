package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepGridTest {

    @Test
    void theProductHasEveryCombinationWithTheFirstAxisSlowest() {
        // Prepare
        List<SweepGrid.Axis> axes = SweepGrid.parse(List.of("a.x=1,2", "b.y=p,q,r"));

        // Execute
        List<List<String>> combos = SweepGrid.combinations(axes);

        // Assert: 2 x 3 = 6
        assertThat(combos).containsExactly(
                List.of("a.x=1", "b.y=p"), List.of("a.x=1", "b.y=q"), List.of("a.x=1", "b.y=r"),
                List.of("a.x=2", "b.y=p"), List.of("a.x=2", "b.y=q"), List.of("a.x=2", "b.y=r"));
    }

    @Test
    void commasInsideBracketsBracesAndQuotesDoNotSplit() {
        assertThat(SweepGrid.splitValues("[1,2],{a=1,b=2},\"x,y\",3"))
                .containsExactly("[1,2]", "{a=1,b=2}", "\"x,y\"", "3");
    }

    @Test
    void badGridsAreBadInput() {
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a.x"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("bad --grid 'a.x'");
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a.x=1,,2"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> SweepGrid.parse(List.of("a.x=1", "a.x=2"))).isInstanceOf(UserInputException.class)
                .hasMessageContaining("given twice");
    }

    @Test
    void labelsUseTheLastKeySegment() {
        assertThat(SweepCommand.label(List.of("lorasim.clients.count=10", "lorasim.links.default.loss=0.1")))
                .isEqualTo("count=10_loss=0.1");
    }
}
