package org.lorasim.actors.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

    private static Config section(String overrides) {
        return ConfigFactory.parseString("lorasim.links.default {" + overrides + "}",
                        ConfigParseOptions.defaults().setOriginDescription("user.conf"))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void referenceDefaultsAreTenMegabytesPerSecondAndTwentyMillis() {
        // Execute
        LinkSettings settings = LinkSettings.from(section(""));

        // Assert: 10 MB = 10^7 bytes; 20 ms = 2 * 10^7 ns
        assertThat(settings).isEqualTo(new LinkSettings(10_000_000L, 20_000_000L, 0, 0.0));
    }

    @Test
    void readsSizesAndDurations() {
        // Execute
        LinkSettings settings = LinkSettings.from(section("bandwidth-per-second = 2 MiB, latency = 1 s, jitter = 3 ms, loss = 0.1"));

        // Assert: 2 MiB = 2 * 1,048,576 bytes
        assertThat(settings).isEqualTo(new LinkSettings(2_097_152L, 1_000_000_000L, 3_000_000L, 0.1));
        assertThat(LinkModel.of(settings).state())
                .isEqualTo(new LinkState(2_097_152L, 1_000_000_000L, 3_000_000L, 0.1, true, false));
    }

    @Test
    void impossibleValuesNameTheKey() {
        assertThatThrownBy(() -> LinkSettings.from(section("loss = 1.2"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("loss").hasMessageContaining("1.2");
        assertThatThrownBy(() -> LinkSettings.from(section("bandwidth-per-second = 0"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bandwidth-per-second");
        assertThatThrownBy(() -> LinkSettings.from(section("latency = -5 ms"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("latency");
        assertThatThrownBy(() -> LinkSettings.from(section("jitter = fast"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("jitter");
    }

    @Test
    void aBandwidthBelowOneBytePerSecondIsRefusedNotReadAsZero() {
        assertThatThrownBy(() -> LinkSettings.from(section("bandwidth-per-second = 0.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.links.default.bandwidth-per-second")
                .hasMessageContaining("at least 1 byte per second").hasMessageContaining("0.5");
        assertThat(LinkSettings.from(section("bandwidth-per-second = 1.6")).bandwidthBytesPerSecond()).isEqualTo(2);
    }

    @Test
    void aProblemPointsAtTheUsersLineNotAtTheMergedSection() {
        // Execute
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> LinkSettings.from(section("loss = 3")));

        // Assert: the origin is the user's value, not "merge of user.conf, reference.conf"
        assertThat(e.origin().description()).startsWith("user.conf").doesNotContain("merge of");
        assertThat(e.getMessage()).contains("lorasim.links.default.loss");
    }
}
