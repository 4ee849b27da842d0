package org.lorasim.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOriginFactory;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {

    @Test
    void aRuntimeCheckFailureReadsAsFileLineAndMessage() {
        // Prepare: what Simulation.validate throws for a bad value set on line 2 of my.conf; the library's
        // message starts with "my.conf: 2: "
        ConfigException e = new ConfigException.BadValue(ConfigOriginFactory.newFile("my.conf").withLineNumber(2),
                "lorasim.rank", "rank must be > 0");
        assertThat(e.getMessage()).startsWith("my.conf: 2: ");

        // Execute
        String text = ConfigProblems.describe(e);

        // Assert: that prefix becomes FILE:LINE, not repeated
        assertThat(text).isEqualTo("my.conf:2: Invalid value at 'lorasim.rank': rank must be > 0");
    }

    @Test
    void fileOriginsReadAsFileColonLine() {
        assertThat(ConfigProblems.where(ConfigOriginFactory.newFile("a/b.conf").withLineNumber(7)))
                .isEqualTo("a/b.conf:7");
        assertThat(ConfigProblems.where(ConfigOriginFactory.newSimple("--set lorasim.x=1")))
                .isEqualTo("--set lorasim.x=1");
    }
}
