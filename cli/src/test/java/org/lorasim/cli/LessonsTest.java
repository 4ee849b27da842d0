package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.ui.Lessons;

class LessonsTest {

    @TempDir
    Path dir;

    @Test
    void everyLessonIsAValidScenarioWithATitleAndWhatToWatchAndTheCostModelOnesSaySo() throws IOException {
        assertThat(Lessons.NAMES).hasSizeBetween(3, 5);
        for (String name : Lessons.NAMES) {
            String scenario = Lessons.scenario(name).orElseThrow();
            Cli.Result result = Cli.execute("validate", Cli.scenario(dir, name + ".conf", scenario).toString());
            assertThat(result.code()).as(name + ": " + result.err()).isZero();
            var lesson = Lessons.describe(name);
            assertThat(lesson.path("title").asText()).as(name).isNotBlank();
            assertThat(lesson.path("text").asText()).as(name).contains("Watch").contains("Try");
            if (scenario.contains("trainer = cost-model")) {
                assertThat(lesson.path("title").asText()).as(name).contains("cost-model trainer, no model is trained");
            }
        }
        assertThat(Lessons.scenario("nope")).isEmpty();
    }
}
