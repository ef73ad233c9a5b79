package dev.chatbot.nlp.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HashedNgramSentenceEncoderTest {

    private final HashedNgramSentenceEncoder encoder = new HashedNgramSentenceEncoder(128);

    @Test
    void same_text_gives_same_unit_vector() {
        float[] a = encoder.encode("Where is my order?");
        float[] b = encoder.encode("Where is my order?");
        assertThat(a).containsExactly(b);
        assertThat(Vectors.norm(a)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void shared_words_make_texts_similar() {
        float[] a = encoder.encode("where is my order");
        float[] b = encoder.encode("where is my orders");
        float[] c = encoder.encode("the blender arrived broken");
        assertThat(Vectors.dot(a, b)).isGreaterThan(Vectors.dot(a, c));
    }

    @Test
    void empty_text_gives_zero_vector() {
        assertThat(Vectors.norm(encoder.encode(""))).isZero();
        assertThat(encoder.encode(null)).hasSize(128);
    }

    @Test
    void model_id_names_the_dimensions() {
        assertThat(encoder.modelId()).isEqualTo("hashed-ngrams-v1/128");
        assertThat(new HashedNgramSentenceEncoder(64).modelId()).isNotEqualTo(encoder.modelId());
    }
}
