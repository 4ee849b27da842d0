package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code lorasim.cluster.delivery} and {@code lorasim.cluster.chaos}: defaults and bad values named by key. */
class DeliverySettingsTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void theDefaultsOfReferenceConfRecoverAndInjectNoFault() {
        // Execute
        DeliverySettings settings = DeliverySettings.from(ConfigFactory.load());

        // Assert
        assertThat(settings).isEqualTo(DeliverySettings.defaults());
        assertThat(settings.chaos().any()).isFalse();
        assertThat(settings.giveUpAfter()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void badValuesFailNamingTheirKey() {
        assertThatThrownBy(() -> DeliverySettings.from(with("lorasim.cluster.delivery.retransmit-after = 1ms")))
                .hasMessageContaining("lorasim.cluster.delivery.retransmit-after").hasMessageContaining("at least 10ms");
        assertThatThrownBy(() -> DeliverySettings.from(with("lorasim.cluster.delivery.max-retransmissions = -1")))
                .hasMessageContaining("lorasim.cluster.delivery.max-retransmissions");
        assertThatThrownBy(() -> DeliverySettings.from(with("lorasim.cluster.chaos.drop-handled-batches = -2")))
                .hasMessageContaining("lorasim.cluster.chaos.drop-handled-batches");
        assertThatThrownBy(() -> NodeSettings.fromConfig(with("lorasim.cluster.delivery.max-retransmissions = -1")))
                .hasMessageContaining("lorasim.cluster.delivery.max-retransmissions");
    }
}
