package org.lorasim.training.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelMappingTest {

    @Test
    void byNameByIndexAndExplicit() {
        // Prepare
        LabelMapping names = LabelMapping.byName(List.of("World", "Sports"));
        LabelMapping indices = LabelMapping.byIndex(List.of("negative", "positive"));
        LabelMapping explicit = LabelMapping.explicit(List.of("neg", "pos"), Map.of("bad", 0, "awful", 0, "good", 1));

        // Execute, Assert
        assertThat(names.indexOf(" Sports ")).contains(1);
        assertThat(names.indexOf("sports")).isEmpty();
        assertThat(indices.indexOf("1")).contains(1);
        assertThat(indices.indexOf("positive")).isEmpty();
        assertThat(explicit.indexOf("awful")).contains(0);
        assertThat(explicit.knownValues()).containsExactly("awful", "bad", "good");
        assertThat(explicit.names()).containsExactly("neg", "pos");
    }

    @Test
    void discoveredSortsStringsOrNumbers() {
        // Execute
        LabelMapping words = LabelMapping.discovered().discoveredFrom(List.of("pos", "neg", "pos"));
        LabelMapping numbers = LabelMapping.discovered().discoveredFrom(List.of("10", "-1", "2"));

        // Assert
        assertThat(words.names()).containsExactly("neg", "pos");
        assertThat(numbers.names()).containsExactly("-1", "2", "10");
        assertThat(numbers.indexOf("10")).contains(2);
        assertThat(LabelMapping.discovered().isDiscovered()).isTrue();
        assertThat(words.isDiscovered()).isFalse();
    }

    @Test
    void badMappingsAreRejected() {
        // Execute, Assert
        assertThatThrownBy(() -> LabelMapping.byName(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label names must not be empty");
        assertThatThrownBy(() -> LabelMapping.byName(List.of("a", " a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat");
        assertThatThrownBy(() -> LabelMapping.explicit(List.of("a", "b"), Map.of("x", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' maps to 2");
        assertThatThrownBy(() -> LabelMapping.explicit(List.of("a", "b"), Map.of("x", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every label name needs a value");
    }
}
