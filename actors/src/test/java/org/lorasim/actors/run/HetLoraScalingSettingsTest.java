package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code lorasim.algorithms.hetlora.scale-on-aggregate} and {@code unscale-on-truncate} reach the HetLoRA policy
 * built by {@link PolicyFactory}; what the flags compute is {@code HetLoraTest}'s (policies). A system-only run
 * cannot show it: its synthetic updates are summed without the policy's aggregator.
 */
class HetLoraScalingSettingsTest {

    private static final String HETLORA = "lorasim.run.algorithm = hetlora\nlorasim.model.rank = 8\n"
            + "lorasim.algorithms.hetlora.client-ranks = [2, 8]\n";

    @Test
    void theFlagsDefaultToOffAndReachThePolicy() {
        RunSettings plain = RunSettings.from(Scenarios.systemOnly(4, 2, HETLORA));
        assertThat(plain.algorithms().hetLoraScaleOnAggregate()).isFalse();
        assertThat(plain.algorithms().hetLoraUnscaleOnTruncate()).isFalse();
        RunSettings authors = RunSettings.from(Scenarios.systemOnly(4, 2, HETLORA
                + "lorasim.algorithms.hetlora { scale-on-aggregate = true, unscale-on-truncate = true }"));
        assertThat(PolicyFactory.policy(authors, null, null, FedPipeSetup.Base.MINILM).toString())
                .contains("scaleOnAggregate=true", "unscaleOnTruncate=true");
        assertThat(PolicyFactory.policy(plain, null, null, FedPipeSetup.Base.MINILM).toString())
                .contains("scaleOnAggregate=false", "unscaleOnTruncate=false");
    }
}
