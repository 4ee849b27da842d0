package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguageToolExamplesTest {
    private static final Path SOURCE = Path.of("fixture.xml");

    private static List<LanguageToolExamples.RuleExample> parse(String xml) {
        return LanguageToolExamples.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SOURCE);
    }

    @Test
    void readsMarkersRuleGroupsAntipatternsAndEntities() {
        // Prepare: a rule in a group (takes the group's id), a lone rule, an antipattern example, an entity
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE rules [ <!ENTITY apostrophe "['’]"> <!ENTITY nbsp "&#x00A0;"> ]>
                <rules lang="en">
                  <category id="GRAMMAR" name="Grammar">
                    <rulegroup id="A_AN" name="a/an">
                      <antipattern><token>a</token><example>An <marker>a</marker> is a letter.</example></antipattern>
                      <rule>
                        <pattern><token regexp="yes">&apostrophe;</token></pattern>
                        <example correction="an">This is <marker>a</marker> apple.</example>
                        <example>This is <marker>an</marker> apple.</example>
                      </rule>
                    </rulegroup>
                  </category>
                  <category id="TYPOS" name="Possible Typo">
                    <rule id="TEH" name="teh">
                      <example correction="the" type="incorrect">I saw <marker>teh</marker>&nbsp;cat.</example>
                      <example type="triggers_error">A known <marker>false</marker> alarm.</example>
                    </rule>
                  </category>
                </rules>
                """;

        // Execute
        List<LanguageToolExamples.RuleExample> examples = parse(xml);

        // Assert
        assertThat(examples).extracting(LanguageToolExamples.RuleExample::text).containsExactly(
                "An a is a letter.", "This is a apple.", "This is an apple.", "I saw teh\u00A0cat.", "A known false alarm.");
        assertThat(examples).extracting(LanguageToolExamples.RuleExample::ruleId)
                .containsExactly("A_AN", "A_AN", "A_AN", "TEH", "TEH");
        assertThat(examples).extracting(LanguageToolExamples.RuleExample::category)
                .containsExactly("GRAMMAR", "GRAMMAR", "GRAMMAR", "TYPOS", "TYPOS");
        assertThat(examples).extracting(LanguageToolExamples.RuleExample::incorrect)
                .containsExactly(false, true, false, true, false);
        assertThat(examples).extracting(LanguageToolExamples.RuleExample::triggersError)
                .containsExactly(false, false, false, false, true);
        assertThat(examples.get(1).line()).isEqualTo(9);
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws IOException {
        // Prepare: an external entity pointing at a local file
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rules [ <!ENTITY secret SYSTEM "%s"> ]>
                <rules><category id="C"><rule id="R"><example>a&secret;b</example></rule></category></rules>
                """.formatted(secret.toUri());

        // Execute
        List<LanguageToolExamples.RuleExample> examples = parse(xml);

        // Assert: the reference is dropped, the file's content never appears
        assertThat(examples).singleElement().extracting(LanguageToolExamples.RuleExample::text).isEqualTo("ab");
    }

    @Test
    void malformedXmlNamesSourceAndLine() {
        // Prepare: line 3 closes an element that was never opened
        String xml = "<rules>\n<category id=\"C\"><rule id=\"R\">\n<example>x</exampel>\n</rule></category></rules>";

        // Execute, Assert
        assertThatThrownBy(() -> parse(xml)).isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(SOURCE + ":3:").hasMessageContaining("malformed rule file");
    }

    @Test
    void exampleOutsideACategoryIsAnError() {
        // Execute, Assert
        assertThatThrownBy(() -> parse("<rules>\n<rule id=\"R\"><example>x</example></rule></rules>"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(SOURCE + ":2:").hasMessageContaining("outside any <category>");
    }

    @Test
    void missingResourceNamesTheArtifact() {
        // Execute, Assert
        assertThatThrownBy(() -> LanguageToolExamples.fromClasspath("org/languagetool/rules/xx/none.xml"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("org/languagetool/rules/xx/none.xml")
                .hasMessageContaining("org.languagetool:language-en");
    }
}
