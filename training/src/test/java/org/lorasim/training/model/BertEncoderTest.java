package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

class BertEncoderTest {
    private static final String FOOD = "A man is eating food.";
    private static final String BREAD = "A man is eating a piece of bread.";
    private static final String MOVIE = "The new movie is awesome.";
    private static final String CHEETAH = "A cheetah is running behind its prey.";
    private static final List<String> SENTENCES = List.of(FOOD, BREAD, MOVIE, CHEETAH,
            "The girl is carrying a baby.", "Two men pushed carts through the woods.");

    private static BertEncoder base;
    private static SentenceEmbedder baseEmbedder;
    private static float[][] baseEmbeddings;
    private static NDManager manager;

    @BeforeAll
    static void loadOnce() {
        manager = MiniLmFixture.ROOT.newSubManager();
        base = new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.none(), new SplittableRandom(1));
        baseEmbedder = new SentenceEmbedder(base, MiniLmFixture.TOKENIZER, manager);
        long start = System.nanoTime();
        baseEmbeddings = baseEmbedder.embed(SENTENCES);
        System.out.printf("MiniLM forward of %d sentences: %.1f ms (first call)%n", SENTENCES.size(),
                (System.nanoTime() - start) / 1e6);
    }

    @AfterAll
    static void release() {
        base.close();
        manager.close();
    }

    private static double cos(int i, int j) {
        return SentenceEmbedder.cosine(baseEmbeddings[i], baseEmbeddings[j]);
    }

    @Test
    void referenceSimilarityOfSentenceTransformersIsReproduced() {
        // Execute
        double related = cos(0, 1);

        // Assert: sentence-transformers gives cos(FOOD, BREAD) = 0.7553 for all-MiniLM-L6-v2
        System.out.printf("cos(food, bread) = %.5f; food/movie %.5f, bread/movie %.5f, movie/cheetah %.5f%n",
                related, cos(0, 2), cos(1, 2), cos(2, 3));
        assertThat(related).isCloseTo(0.7553, within(0.002));
    }

    @Test
    void unrelatedSentencesAreNearlyOrthogonal() {
        // Assert: reference values -0.046, -0.058 and 0.024
        assertThat(cos(0, 2)).isLessThan(0.1);
        assertThat(cos(1, 2)).isLessThan(0.1);
        assertThat(cos(2, 3)).isLessThan(0.1);
        assertThat(cos(0, 1)).isGreaterThan(cos(0, 2) + 0.5);
    }

    @Test
    void embeddingsHaveUnitLengthAndDoNotDependOnBatchCompanions() {
        // Execute: BREAD alone (no padding) and beside a longer sentence (padded)
        float[][] alone = baseEmbedder.embed(List.of(BREAD));

        // Assert
        double norm = 0;
        for (float v : baseEmbeddings[1]) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
        assertThat(SentenceEmbedder.cosine(alone[0], baseEmbeddings[1])).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void loraWithZeroBLeavesTheOutputBitIdentical() {
        // Prepare: every kind of target matrix, different ranks
        LoraSpec spec = LoraSpec.of(4, 8, ".*\\.attention\\.(query|value)")
                .plus(".*\\.attention\\.key", 2)
                .plus(".*\\.attention\\.output", 8)
                .plus(".*\\.ffn\\.(in|out)", 16);
        TokenBatch batch = MiniLmFixture.TOKENIZER.encode(SENTENCES);
        try (BertEncoder lora = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(3));
             NDManager m = manager.newSubManager()) {
            NDList inputs = batch.toNDList(m);

            // Execute
            float[] expected = base.forward(new ParameterStore(m, false), inputs, false).head().toFloatArray();
            float[] actual = lora.forward(new ParameterStore(m, false), inputs, false).head().toFloatArray();

            // Assert: 36 adapted matrices, A random, B = 0, hidden states equal bit for bit
            assertThat(lora.adaptedLayers()).hasSize(36);
            assertThat(lora.toAdapter().factors("layer.2.attention.key").a()).isNotEqualTo(new float[2 * 384]);
            assertThat(Arrays.equals(actual, expected)).isTrue();
        }
    }

    @Test
    void nonZeroBChangesTheOutputAndAdapterRoundTripsExactly() {
        // Prepare
        LoraSpec spec = LoraSpec.queryValue(8, 16).withScaling(LoraScaling.RANK_STABILIZED);
        SplittableRandom random = new SplittableRandom(9);
        try (BertEncoder lora = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(4));
             BertEncoder other = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(5))) {
            Adapter start = lora.toAdapter();
            Adapter trained = start.mapLora((name, f) -> {
                float[] b = new float[f.b().length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.05 * random.nextGaussian());
                }
                return f.withFactors(f.rank(), f.a(), b);
            });

            // Execute
            lora.loadAdapter(trained);
            Adapter back = lora.toAdapter();
            other.loadAdapter(back);
            float[][] adapted = new SentenceEmbedder(lora, MiniLmFixture.TOKENIZER, manager).embed(SENTENCES);
            float[][] copied = new SentenceEmbedder(other, MiniLmFixture.TOKENIZER, manager).embed(SENTENCES);

            // Assert: 6 layers x {query, value}, rank 8, 384 x 384, alpha 16 / sqrt 8
            assertThat(back).isEqualTo(trained);
            assertThat(back.lora()).hasSize(12);
            LoraFactors q0 = back.factors("layer.0.attention.query");
            assertThat(q0.rank()).isEqualTo(8);
            assertThat(q0.inFeatures()).isEqualTo(384);
            assertThat(q0.outFeatures()).isEqualTo(384);
            assertThat(q0.scale()).isCloseTo(16 / Math.sqrt(8), within(1e-12));
            assertThat(other.toAdapter()).isEqualTo(trained);
            assertThat(adapted).isDeepEqualTo(copied);
            assertThat(Arrays.equals(adapted[0], baseEmbeddings[0])).isFalse();
        }
    }

    @Test
    void initialAIsSeededKaimingUniformAndBIsZero() {
        // Prepare
        LoraSpec spec = LoraSpec.queryValue(4, 8);
        try (BertEncoder one = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(21));
             BertEncoder same = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(21));
             BertEncoder different = new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(22))) {
            // Execute
            Adapter a = one.toAdapter();

            // Assert: |A| <= 1 / sqrt(384) = 0.05103; B all zero; same seed same values
            double bound = 1 / Math.sqrt(384);
            for (LoraFactors f : a.lora().values()) {
                for (float v : f.a()) {
                    assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
                }
                assertThat(f.b()).containsOnly(0f);
            }
            assertThat(same.toAdapter()).isEqualTo(a);
            assertThat(different.toAdapter()).isNotEqualTo(a);
        }
    }

    @Test
    void onlyLoraFactorsRequireGradients() {
        // Prepare
        try (BertEncoder lora = new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.queryValue(4, 8),
                new SplittableRandom(2))) {
            // Execute
            List<String> trainable = new ArrayList<>();
            int frozen = 0;
            for (Pair<String, Parameter> p : lora.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable.add(p.getKey());
                } else {
                    frozen++;
                }
            }

            // Assert: 12 adapted matrices x {A, B}; the 101 pretrained tensors are frozen
            assertThat(trainable).hasSize(24).allMatch(n -> n.endsWith("lora_A") || n.endsWith("lora_B"));
            assertThat(frozen).isEqualTo(101);
            assertThat(MiniLmFixture.WEIGHTS.get("encoder.layer.0.attention.self.query.weight").hasGradient())
                    .isFalse();
        }
    }

    @Test
    void rankAboveMatrixSizeIsRejected() {
        // query is 384 x 384, so rank 385 is impossible
        assertThatThrownBy(() -> new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.queryValue(385, 8),
                new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank of 'layer.0.attention.query' is 385")
                .hasMessageContaining("min(384, 384)");
    }

    @Test
    void targetMatchingNothingIsRejected() {
        assertThatThrownBy(() -> new BertEncoder(MiniLmFixture.WEIGHTS,
                LoraSpec.of(4, 8, ".*\\.attention\\.querry"), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'.*\\.attention\\.querry'")
                .hasMessageContaining("matches no weight matrix");
    }

    @Test
    void adapterOfAnotherLayoutIsRejected() {
        // Prepare
        try (BertEncoder qv = new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.queryValue(4, 8),
                new SplittableRandom(1));
             BertEncoder qvRank8 = new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.queryValue(8, 8),
                     new SplittableRandom(1))) {
            Adapter onlyQuery = new Adapter(Map.of("layer.0.attention.query",
                    qv.toAdapter().factors("layer.0.attention.query")), Map.of());

            // Execute / Assert
            assertThatThrownBy(() -> qv.loadAdapter(onlyQuery))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("adapter has LoRA matrices [layer.0.attention.query]");
            assertThatThrownBy(() -> qv.loadAdapter(qvRank8.toAdapter()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("r=8")
                    .hasMessageContaining("the layer has r=4");
        }
    }

    @Test
    void forwardOfABatchIsTimed() {
        // Prepare: 32 sentences of 10-20 words
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            sentences.add(SENTENCES.get(i % SENTENCES.size()) + " It happened on day " + i + " of the long trip.");
        }
        TokenBatch batch = MiniLmFixture.TOKENIZER.encode(sentences);

        // Execute
        long best = Long.MAX_VALUE;
        NDArray last = null;
        for (int rep = 0; rep < 2; rep++) {
            try (NDManager m = manager.newSubManager()) {
                long start = System.nanoTime();
                NDArray h = base.forward(new ParameterStore(m, false), batch.toNDList(m), false).head();
                h.toFloatArray();
                best = Math.min(best, System.nanoTime() - start);
                last = h;
            }
        }

        // Assert
        System.out.printf("MiniLM forward, batch %d x %d tokens: %.1f ms%n", batch.batch(), batch.length(),
                best / 1e6);
        assertThat(last).isNotNull();
        assertThat(batch.length()).isBetween(16, 30);
    }
}
