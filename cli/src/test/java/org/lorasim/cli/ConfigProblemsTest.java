package org.lorasim.cli;

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

        // Assert: that prefix becomes FILE:LINE, not repeated, and the key comes first
        assertThat(text).isEqualTo("my.conf:2: lorasim.rank: rank must be > 0");
    }

    @Test
    void fileOriginsReadAsFileColonLine() {
        assertThat(ConfigProblems.where(ConfigOriginFactory.newFile("a/b.conf").withLineNumber(7)))
                .isEqualTo("a/b.conf:7");
        assertThat(ConfigProblems.where(ConfigOriginFactory.newSimple("--set lorasim.x=1")))
                .isEqualTo("--set lorasim.x=1");
    }

    @Test
    void missingNullAndBadPathProblemsPutTheKeyFirst() {
        // Prepare: the library's other wordings of a bad key, each from line 4 of s.conf
        var origin = ConfigOriginFactory.newFile("s.conf").withLineNumber(4);
        ConfigException missing = new ConfigException.Missing(origin, "lorasim.clients.availability.p");
        ConfigException isNull = new ConfigException.Null(origin, "lorasim.clients.availability.p", "NUMBER");
        ConfigException badPath = new ConfigException.BadPath(origin, "lorasim.scenario.events[0].speed",
                "unknown key for action 'crash'");

        // Execute / Assert
        assertThat(ConfigProblems.describe(missing)).isEqualTo("s.conf:4: lorasim.clients.availability.p:"
                + " missing (no setting and no default)");
        assertThat(ConfigProblems.describe(isNull)).isEqualTo("s.conf:4: lorasim.clients.availability.p:"
                + " needs a value (NUMBER), it is null");
        assertThat(ConfigProblems.describe(badPath)).isEqualTo("s.conf:4: lorasim.scenario.events[0].speed:"
                + " unknown key for action 'crash'");
    }

    @Test
    void aMessageThatNamesNoKeyIsKeptWhole() {
        // Prepare
        ConfigException e = new ConfigException.Generic("something odd");

        // Execute / Assert
        assertThat(ConfigProblems.describe(e)).isEqualTo("something odd");
    }
}
