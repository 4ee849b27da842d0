package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.training.data.Example;

class CentralizedRunTest {
    @Test
    void parsesKeyValueArgumentsOverTheDefaults() {
        // Execute
        Map<String, String> a = CentralizedRun.parse(new String[] {"steps=5", "dataset=sst2"});

        // Assert
        assertThat(a).containsEntry("steps", "5").containsEntry("dataset", "sst2").containsEntry("batch", "16");
        assertThatThrownBy(() -> CentralizedRun.parse(new String[] {"step=5"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'step=5'");
        // majority rate of labels 1, 1, 0: 2 / 3
        assertThat(CentralizedRun.majorityRate(List.of(new Example("a", 1), new Example("b", 1),
                new Example("c", 0)), 2)).isEqualTo(2.0 / 3);
    }

    @Test
    void aTinyRunPrintsProgressAndTheFinalHeldOutMetrics() {
        // Prepare
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));

        // Execute
        try {
            CentralizedRun.main(new String[] {"steps=2", "batch=4", "rank=2", "maxLength=16", "evalEvery=1",
                    "evalLimit=8"});
        } finally {
            System.setOut(original);
        }

        // Assert
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertThat(out).contains("held-out majority rate", "step      0", "step      1", "step      2",
                "final: 2 steps, 8 examples", "held-out accuracy");
    }
}
