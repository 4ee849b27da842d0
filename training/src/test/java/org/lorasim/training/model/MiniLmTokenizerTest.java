package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmTokenizerTest {
    private static final String BREAD = "A man is eating a piece of bread.";
    private static final long CLS = 101;
    private static final long SEP = 102;

    @Test
    void lowerCasesAndAddsSpecialTokens() {
        // Execute
        List<String> tokens = MiniLmFixture.TOKENIZER.tokens(BREAD);

        // Assert: 8 words and the full stop between [CLS] and [SEP]
        assertThat(tokens).containsExactly("[CLS]", "a", "man", "is", "eating", "a", "piece", "of", "bread", ".",
                "[SEP]");
    }

    @Test
    void batchIsPaddedToItsLongestSentence() {
        // Execute
        TokenBatch batch = MiniLmFixture.TOKENIZER.encode(List.of("Hello.", BREAD));

        // Assert: "hello ." is 2 + 2 tokens, padded with id 0 to the 11 of BREAD
        assertThat(batch.batch()).isEqualTo(2);
        assertThat(batch.length()).isEqualTo(11);
        assertThat(batch.tokenCount(0)).isEqualTo(4);
        assertThat(batch.tokenCount(1)).isEqualTo(11);
        long[] first = batch.row(0);
        assertThat(first[0]).isEqualTo(CLS);
        assertThat(first[3]).isEqualTo(SEP);
        assertThat(java.util.Arrays.copyOfRange(first, 4, 11)).containsOnly(0L);
        assertThat(java.util.Arrays.copyOfRange(batch.mask(), 0, 11)).containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void longSentencesAreTruncatedAndShortOnesPaddedToMaxLength() {
        // Prepare
        try (MiniLmTokenizer fixed = MiniLmTokenizer.allMiniLmL6V2(8, true)) {
            // Execute
            TokenBatch batch = fixed.encode(List.of(BREAD, "Hi."));

            // Assert: BREAD keeps [CLS] + 6 pieces + [SEP]; "Hi." is 4 tokens, padded to 8
            assertThat(batch.length()).isEqualTo(8);
            assertThat(batch.row(0)[7]).isEqualTo(SEP);
            assertThat(batch.tokenCount(0)).isEqualTo(8);
            assertThat(batch.tokenCount(1)).isEqualTo(4);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> MiniLmTokenizer.allMiniLmL6V2(513, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength must be in [2, 512], got 513");
        assertThatThrownBy(() -> MiniLmTokenizer.fromResource("/missing-tokenizer.json", 16, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/missing-tokenizer.json'");
        assertThatThrownBy(() -> MiniLmFixture.TOKENIZER.encode(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sentences must not be empty");
    }
}
