package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClockSettingsTest {

    private static Config scenario(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void referenceConfDefaultsAreVirtualTimeWithGenerousTimeouts() {
        // Execute
        ClockSettings settings = ClockSettings.from(ConfigFactory.defaultReference());

        // Assert
        assertThat(settings).isEqualTo(ClockSettings.virtual());
        assertThat(settings.mode()).isEqualTo(ClockSettings.Mode.VIRTUAL);
        assertThat(settings.speed()).isEqualTo(1.0);
        assertThat(settings.ackTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.workTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.timeUnit()).isEqualTo(TimeUnit.SECONDS);
    }

    @Test
    void everyKeyCanBeOverridden() {
        // Execute
        ClockSettings settings = ClockSettings.from(scenario(
                "lorasim.clock { mode = realtime, speed = 2.5, ack-timeout = 500ms, work-timeout = 2m, time-unit = ms }"));

        // Assert
        assertThat(settings).isEqualTo(new ClockSettings(ClockSettings.Mode.REALTIME, 2.5, Duration.ofMillis(500),
                Duration.ofMinutes(2), TimeUnit.MILLISECONDS));
    }

    @Test
    void unknownModeFailsNamingTheKey() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.mode = fast")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.clock.mode")
                .hasMessageContaining("must be virtual or realtime, got 'fast'");
    }

    @Test
    void nonPositiveSpeedFailsNamingTheKeyAndOrigin() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.speed = 0")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.clock.speed")
                .hasMessageContaining("String: 1")
                .hasMessageContaining("must be finite and > 0, got 0.0");
    }

    @Test
    void speedOfTheWrongTypeFailsNamingTheKey() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.speed = quick")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("lorasim.clock.speed");
    }

    @Test
    void zeroAckTimeoutFailsNamingTheKey() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.ack-timeout = 0s")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.clock.ack-timeout")
                .hasMessageContaining("must be a duration > 0");
    }

    @Test
    void unknownTimeUnitFailsListingTheChoices() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.time-unit = fortnight")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.clock.time-unit")
                .hasMessageContaining("[h, min, ms, ns, s, us]")
                .hasMessageContaining("'fortnight'");
    }

    @Test
    void misspelledKeyFailsNamingIt() {
        assertThatThrownBy(() -> ClockSettings.from(scenario("lorasim.clock.sped = 2")))
                .isInstanceOf(ConfigException.BadPath.class)
                .hasMessageContaining("lorasim.clock.sped")
                .hasMessageContaining("unknown key");
    }

    @Test
    void constructorRejectsImpossibleValues() {
        assertThatThrownBy(() -> ClockSettings.virtual().withMode(ClockSettings.Mode.REALTIME, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed must be finite and > 0, got NaN");
        assertThatThrownBy(() -> ClockSettings.virtual().withAckTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackTimeout must be a duration > 0");
        assertThatThrownBy(() -> new ClockSettings(ClockSettings.Mode.VIRTUAL, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), TimeUnit.DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeUnit must be one of");
    }

    @Test
    void watchdogLooksFourTimesPerShorterTimeoutWithinOneMillisecondToOneSecond() {
        // 500 ms / 4 = 125 ms; 30 s / 4 = 7.5 s, capped at 1 s; 2 ms / 4 = 0.5 ms, raised to 1 ms
        assertThat(ClockSettings.virtual().withAckTimeout(Duration.ofMillis(500)).watchdogPeriod())
                .isEqualTo(Duration.ofMillis(125));
        assertThat(ClockSettings.virtual().watchdogPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ClockSettings.virtual().withWorkTimeout(Duration.ofMillis(2)).watchdogPeriod())
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void simulatedTimesAreNanosecondsWrittenExactlyInTheChosenUnit() {
        // 1.5 s = 1,500,000,000 ns; 0.25 s rounds to 250,000,000 ns; 90 s = 1.5 min
        assertThat(SimTime.ofSeconds(1.5)).isEqualTo(1_500_000_000L);
        assertThat(SimTime.ofMillis(3)).isEqualTo(3_000_000L);
        assertThat(SimTime.plus(SimTime.ofSeconds(1), SimTime.ofMicros(250))).isEqualTo(1_000_250_000L);
        assertThat(SimTime.format(1_500_000_000L)).isEqualTo("1.500000000 s");
        assertThat(SimTime.format(1_500_000L, TimeUnit.MILLISECONDS)).isEqualTo("1.500000 ms");
        assertThat(SimTime.format(SimTime.ofSeconds(90), TimeUnit.MINUTES)).isEqualTo("1.50000000000 min");
        assertThat(SimTime.format(42, TimeUnit.NANOSECONDS)).isEqualTo("42 ns");
        assertThat(new ClockSettings(ClockSettings.Mode.VIRTUAL, 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                TimeUnit.MICROSECONDS).format(2_500)).isEqualTo("2.500 us");
    }

    @Test
    void simTimeRejectsNegativeAndUnrepresentableDurations() {
        assertThatThrownBy(() -> SimTime.ofSeconds(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seconds must be finite, >= 0 and below 292 years, got -0.5");
        assertThatThrownBy(() -> SimTime.ofSeconds(1e12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 1.0E12");
        assertThatThrownBy(() -> SimTime.plus(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SimTime.ofMillis(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("millis must be >= 0, got -1");
    }
}
