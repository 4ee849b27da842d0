package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.training.data.Example;

class ReferenceLevelsTest {

    private static List<Example> labelled(int... labels) {
        return java.util.Arrays.stream(labels).mapToObj(l -> new Example("sentence " + l, l)).toList();
    }

    /** Shards hold class 2 five times, class 0 three times, class 1 twice; held-out has class 2 in 3 of 8. */
    private static RunData handMade() {
        return new RunData(3, List.of(labelled(2, 2, 0, 1), labelled(2, 0, 2, 0, 2, 1)),
                labelled(0, 2, 1, 2, 0, 0, 2, 1), List.of("a", "b", "c"), "hand-made, 8 examples");
    }

    @Test
    void majorityIsTheShardsMostFrequentClassScoredOnTheHeldOutExamples() {
        // Execute
        Reference majority = ReferenceLevels.majority(handMade());

        // Assert: class 2 is the majority of the shards (5 of 10), and 3 of the 8 held-out examples are class 2
        assertThat(majority.id()).isEqualTo("majority");
        assertThat(majority.accuracy()).isEqualTo(3 / 8.0);
    }

    @Test
    void aTieGoesToTheLowerClass() {
        // Setup: classes 1 and 2 twice each in the shards
        RunData tie = new RunData(3, List.of(labelled(2, 1), labelled(1, 2)), labelled(1, 1, 2, 0), List.of("a", "b", "c"), "hand-made, 4 examples");

        // Execute & Assert
        assertThat(ReferenceLevels.majority(tie).accuracy()).isEqualTo(0.5);
    }

    @Test
    void withTheProbeOffOnlyMajorityIsComputed(@TempDir Path cache) {
        // Setup
        RunSettings settings = RunSettings.from(Scenarios.of("lorasim.references.linear-probe = off"));

        // Execute: no base model is needed
        List<Reference> references = ReferenceLevels.of(settings, handMade(), null, cache);

        // Assert
        assertThat(references).extracting(Reference::id).containsExactly("majority");
    }

    @Test
    void aCachedProbeIsReadBackWithoutTheModel(@TempDir Path cache) throws Exception {
        // Setup: the cache holds a value for exactly these examples and this max-length
        RunSettings settings = RunSettings.from(Scenarios.of("lorasim.training.max-length = 24"));
        RunData data = handMade();
        List<Example> train = data.shards().stream().flatMap(List::stream).toList();
        Files.writeString(cache.resolve(ReferenceLevels.key(train, data.heldOut(), 3, 24) + ".txt"), "0.625");

        // Execute: a null base model would fail if the probe were computed
        List<Reference> references = ReferenceLevels.of(settings, data, null, cache);

        // Assert
        assertThat(references).extracting(Reference::id).containsExactly("majority", "linear-probe");
        assertThat(references.get(1).accuracy()).isEqualTo(0.625);
    }

    @Test
    void theCacheKeyChangesWithTheExamplesAndTheMaxLength() {
        // Setup
        RunData data = handMade();
        List<Example> train = data.shards().get(0);

        // Execute
        String key = ReferenceLevels.key(train, data.heldOut(), 3, 24);

        // Assert
        assertThat(ReferenceLevels.key(train, data.heldOut(), 3, 24)).isEqualTo(key);
        assertThat(ReferenceLevels.key(train, data.heldOut(), 3, 32)).isNotEqualTo(key);
        assertThat(ReferenceLevels.key(data.shards().get(1), data.heldOut(), 3, 24)).isNotEqualTo(key);
        assertThat(ReferenceLevels.key(train, labelled(0, 2), 3, 24)).isNotEqualTo(key);
    }
}
