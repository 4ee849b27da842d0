package org.lorasim.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.MiniLmFixture;
import org.lorasim.training.train.BaseModel;

/** The probe over the real all-MiniLM-L6-v2: English against Russian sentences, which its embeddings separate. */
class FrozenEmbeddingProbeTest {
    private static final BaseModel BASE = BaseModel.sharing(MiniLmFixture.WEIGHTS);

    private static List<Example> sentences(int label, String... texts) {
        return java.util.Arrays.stream(texts).map(t -> new Example(t, label)).toList();
    }

    @Test
    void theProbeTellsEnglishFromRussianWhereMajorityScoresHalf() {
        // Setup
        List<Example> train = new java.util.ArrayList<>(sentences(0, "The cat sleeps on the sofa.",
                "We went to the market yesterday.", "Please close the door behind you.", "He reads a book every night.",
                "The weather is nice today.", "She bought a new car last week."));
        train.addAll(sentences(1, "Кошка спит на диване.", "Мы вчера ходили на рынок.",
                "Пожалуйста, закройте за собой дверь.", "Он читает книгу каждый вечер.", "Сегодня хорошая погода.",
                "На прошлой неделе она купила новую машину."));
        List<Example> heldOut = new java.util.ArrayList<>(sentences(0, "My brother plays football on Sundays.",
                "The train was late again this morning."));
        heldOut.addAll(sentences(1, "Мой брат играет в футбол по воскресеньям.", "Поезд сегодня утром снова опоздал."));

        // Execute
        double accuracy = FrozenEmbeddingProbe.accuracy(BASE, train, heldOut, 2, 32);
        double again = FrozenEmbeddingProbe.accuracy(BASE, train, heldOut, 2, 32);

        // Assert: each class is half of the held-out examples, so always answering one scores 0.5
        assertThat(accuracy).isEqualTo(1.0);
        assertThat(again).isEqualTo(accuracy);
    }
}
