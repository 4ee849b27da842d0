package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad scenarios through {@code lorasim validate}: each gives exit code 2 and its message, naming the file and
 * line, with no stack trace. The keys used are those of the actors module's reference.conf.
 */
class ScenarioProblemsTest {

    @TempDir
    Path dir;

    @Test
    void unknownKeyNamesFileLineAndTheClosestKnownKey() throws IOException {
        // Prepare: the typo sits on line 3 ("cuont" is two swaps, distance 2, from "count")
        Path file = Cli.scenario(dir, "scenario.conf", "# a scenario\nlorasim {\n  clients.cuont = 5\n}\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(file + ":3: unknown key 'lorasim.clients.cuont'; did you mean"
                + " 'lorasim.clients.count'?");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownKeyInTheWrongBlockSuggestsTheKeyWithTheSameLastSegment() throws IOException {
        // Prepare: 'lorasim.trainer.ack-timeout' is far from every key but ends like lorasim.clock.ack-timeout
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.trainer.ack-timeout = 5s\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(file + ":1: unknown key 'lorasim.trainer.ack-timeout'; did you mean"
                + " 'lorasim.clock.ack-timeout'?");
    }

    @Test
    void unknownBlocksAreReportedByTheirFullKeys() throws IOException {
        // Prepare: the block "clokc" is unknown; each of its keys is named in full, with its own line
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.clokc {\n  speed = 2\n  mode = virtual\n}\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip().split("\n")).containsExactly(
                file + ":2: unknown key 'lorasim.clokc.speed'; did you mean 'lorasim.clock.speed'?",
                file + ":3: unknown key 'lorasim.clokc.mode'; did you mean 'lorasim.clock.mode'?");
    }

    @Test
    void unknownKeyWithNothingCloseHasNoSuggestion() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.zzzzzzzzzzzz = 1\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(file + ":1: unknown key 'lorasim.zzzzzzzzzzzz'");
    }

    @Test
    void wrongTypeNamesExpectedAndGivenTypes() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim {\n  clock {\n    speed = abc\n  }\n}\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(file + ":3: lorasim.clock.speed: expected NUMBER, got STRING \"abc\"");
    }

    @Test
    void durationsSizesListsAndObjectsAreTypeChecked() throws IOException {
        // Prepare: a bad duration, a bad size, a list where an object is, an object where a number is
        Path file = Cli.scenario(dir, "scenario.conf", """
                lorasim.clock.ack-timeout = soon
                lorasim.serialization.max-bytes = lots
                lorasim.links.default = [1, 2]
                lorasim.clients.count { a = 1 }
                """);

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert: all four, one line each, in line order
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip().split("\n")).containsExactly(
                file + ":1: lorasim.clock.ack-timeout: expected DURATION, got STRING \"soon\"",
                file + ":2: lorasim.serialization.max-bytes: expected SIZE, got STRING \"lots\"",
                file + ":3: lorasim.links.default: expected OBJECT, got LIST [1,2]",
                file + ":4: lorasim.clients.count: expected NUMBER, got OBJECT {\"a\":1}");
    }

    @Test
    void numbersStandForDurationsAndSizesAndNullsAreAccepted() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", """
                lorasim.clock.ack-timeout = 500
                lorasim.clock.speed = "2.5"
                lorasim.serialization.max-bytes = 1048576
                lorasim.run.name = 42
                lorasim.clients.availability.p = null
                """);

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains(file + ": valid");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.clients.cuont = 5\nlorasim.clock.speed = fast\nlorasim.clock.mdoe = virtual\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip().split("\n")).hasSize(3);
        assertThat(result.err()).contains(":3: unknown key 'lorasim.clock.mdoe'; did you mean 'lorasim.clock.mode'?");
    }

    @Test
    void aBadSetIsNamedAsTheSetItCameFrom() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.clients.count = 5\n");

        // Execute
        Cli.Result unknown = Cli.execute("validate", file.toString(), "--set", "lorasim.clock.sped=2");
        Cli.Result wrongType = Cli.execute("validate", file.toString(), "--set", "lorasim.clients.count=many");

        // Assert
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("--set lorasim.clock.sped=2: unknown key 'lorasim.clock.sped';"
                + " did you mean 'lorasim.clock.speed'?");
        assertThat(wrongType.code()).isEqualTo(2);
        assertThat(wrongType.err().strip()).isEqualTo("--set lorasim.clients.count=many: lorasim.clients.count:"
                + " expected NUMBER, got STRING \"many\"");
    }

    @Test
    void missingFileIsBadInput() {
        // Prepare
        Path missing = dir.resolve("nowhere.conf");

        // Execute
        Cli.Result result = Cli.execute("validate", missing.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("scenario file not found: " + missing);
    }

    @Test
    void unparsableHoconNamesFileAndLine() throws IOException {
        // Prepare: the object opened on line 1 is never closed
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim {\n  clients.count = 5\n");

        // Execute
        Cli.Result result = Cli.execute("validate", file.toString());

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("cannot parse " + file + ":").doesNotContain("\tat ");
        assertThat(result.err().strip().split("\n")).hasSize(1);
    }

    @Test
    void malformedSetsAreBadInput() throws IOException {
        // Prepare
        Path file = Cli.scenario(dir, "scenario.conf", "lorasim.clients.count = 5\n");

        for (String[] badSet : new String[][] {{"lorasim.clients.count", "expected key=value"},
                {"=5", "expected key=value"}, {"lorasim.clients.count=", "no value after '='"},
                {"lorasim..count=5", "is not a config key"}, {"lorasim.clients.count={", "cannot parse the value"},
                {"lorasim.clients.count=1, x = 2", "more than one value"}}) {
            // Execute
            Cli.Result result = Cli.execute("validate", file.toString(), "--set", badSet[0]);

            // Assert
            assertThat(result.code()).as(badSet[0]).isEqualTo(2);
            assertThat(result.err()).as(badSet[0]).startsWith("bad --set '" + badSet[0] + "': ").contains(badSet[1]);
        }
    }

    @Test
    void debugPrintsTheStackTrace() {
        // Prepare
        Path missing = dir.resolve("nowhere.conf");

        // Execute
        Cli.Result result = Cli.execute("validate", missing.toString(), "--debug");

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("UserInputException").contains("\tat ");
    }

    @Test
    void unknownOptionIsBadInput() {
        // Execute
        Cli.Result result = Cli.execute("validate", "x.conf", "--nonsense");

        // Assert
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--nonsense");
    }
}
