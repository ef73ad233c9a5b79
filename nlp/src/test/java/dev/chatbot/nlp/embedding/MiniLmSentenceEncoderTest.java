package dev.chatbot.nlp.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Uses the real ONNX model (loaded once for the class, about a second). */
class MiniLmSentenceEncoderTest {

    private static MiniLmSentenceEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmSentenceEncoder.create(MiniLmSentenceEncoder.Options.defaults().withBatchSize(4));
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void vectors_have_384_dimensions_and_unit_length() {
        float[] v = encoder.encode("where is my parcel");
        assertThat(v).hasSize(384);
        assertThat(Vectors.norm(v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void paraphrases_are_closer_than_unrelated_sentences() {
        float[] a = encoder.encode("where is my parcel");
        float[] b = encoder.encode("my package has not arrived yet");
        float[] c = encoder.encode("what is the weather like in paris tomorrow");
        assertThat(Vectors.dot(a, b)).isGreaterThan(Vectors.dot(a, c) + 0.15);
    }

    /**
     * The quantised model quantises activations per tensor, so batch-mates shift a vector slightly (cosine
     * about 0.98 to 0.99 to the vector of the same text alone); padding itself is masked out.
     */
    @Test
    void batched_vectors_match_single_vectors_up_to_quantisation_noise() {
        List<String> texts = List.of("hi", "i want a refund for the broken blender i bought last week",
                "cancel my order", "hi", "can i pay with paypal", "");
        encoder.cache().clear();
        List<float[]> batched = encoder.encodeAll(texts);
        encoder.cache().clear();
        for (int i = 0; i < texts.size(); i++) {
            float[] single = encoder.encode(texts.get(i));
            assertThat(Vectors.dot(batched.get(i), single)).as(texts.get(i)).isGreaterThan(0.96);
        }
    }

    @Test
    void cache_serves_repeated_texts_and_returns_copies() {
        encoder.cache().clear();
        long misses = encoder.cache().misses();
        float[] first = encoder.encode("track my order please");
        first[0] = 42f;
        float[] second = encoder.encode("track my order please");
        assertThat(second[0]).isNotEqualTo(42f);
        assertThat(encoder.cache().misses()).isEqualTo(misses + 1);
        assertThat(encoder.cache().hits()).isPositive();
    }

    @Test
    void odd_input_gives_a_vector_not_an_exception() {
        String huge = "refund ".repeat(5000);
        for (String text : new String[]{"", "   ", "\u0000\u0001\u0002", "😡😡😡", huge, null}) {
            float[] v = encoder.encode(text);
            assertThat(v).hasSize(384);
        }
    }

    @Test
    void concurrent_callers_get_the_same_vectors_as_sequential_ones() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("order number " + i + " has not shipped");
        }
        encoder.cache().clear();
        List<float[]> expected = texts.stream().map(encoder::encode).toList();
        encoder.cache().clear();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (String t : texts) {
                futures.add(pool.submit(() -> encoder.encode(t)));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(Vectors.dot(futures.get(i).get(), expected.get(i))).isCloseTo(1.0, within(1e-4));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
