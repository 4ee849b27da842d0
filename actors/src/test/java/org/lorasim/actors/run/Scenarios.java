package org.lorasim.actors.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Scenario configurations for the run tests: HOCON over the test configuration and reference.conf. */
final class Scenarios {
    private Scenarios() {
    }

    static Config of(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load("application-test")).resolve();
    }

    /** A system-only (cost-model) centralized run of {@code clients} clients and {@code rounds} rounds. */
    static Config systemOnly(int clients, int rounds, String more) {
        return of("lorasim.run { trainer = cost-model, rounds = " + rounds + " }\n"
                + "lorasim.clients.count = " + clients + "\n" + more);
    }
}
