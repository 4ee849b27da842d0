package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * External entities of class path rule files (as Spanish, Portuguese and Catalan declare theirs): read from
 * the rule's own {@code org/languagetool/} tree on the class path, refused anywhere else. The rule files are
 * test resources.
 */
class LanguageToolEntitiesTest {

    @Test
    void anEntityFileBesideTheRulesIsReadFromTheClassPath() {
        // Execute
        List<LanguageToolExamples.RuleExample> examples =
                LanguageToolExamples.fromClasspath("org/languagetool/rules/zz/grammar.xml", "test resources");

        // Assert
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("Hallo world");
            assertThat(e.incorrect()).isTrue();
            assertThat(e.ruleId()).isEqualTo("GREETING");
        });
    }

    @Test
    void anEntityOutsideTheLanguageToolTreeIsRefusedEvenWhenItExists() {
        // Execute & Assert
        assertThatThrownBy(() -> LanguageToolExamples.fromClasspath("lorasim-test/outside-entities.xml",
                "test resources"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("lorasim-test/outside-entities.xml");
    }

    @Test
    void aMissingRuleFileNamesTheArtifactThatShipsIt() {
        // Execute & Assert
        assertThatThrownBy(() -> LanguageToolExamples.fromClasspath("org/languagetool/rules/qq/grammar.xml",
                "org.languagetool:language-qq"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("org.languagetool:language-qq");
    }
}
