package dev.chatbot.nlp.sentiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentLexiconTest {

    private static float feature(String text, String name) {
        return SentimentLexicon.features(text)[SentimentLexicon.FEATURES.indexOf(name)];
    }

    @Test
    void negation_flips_a_positive_word() {
        assertThat(feature("i am not happy with this", "negated_positive")).isPositive();
        assertThat(feature("i am not happy with this", "positive_words")).isZero();
        assertThat(feature("i am happy with this", "positive_words")).isPositive();
    }

    @Test
    void shouting_and_exclamations_count() {
        assertThat(feature("WHERE IS MY ORDER", "capitals")).isEqualTo(1f);
        assertThat(feature("where is my order", "capitals")).isZero();
        assertThat(feature("where is it!!!", "exclamations")).isGreaterThan(feature("where is it!", "exclamations"));
    }

    @Test
    void swearing_and_emoji_are_seen() {
        assertThat(feature("wtf is this", "swearing")).isPositive();
        assertThat(feature("still waiting 😡", "negative_emoji")).isPositive();
        assertThat(feature("thanks 😊", "positive_emoji")).isPositive();
    }

    @Test
    void every_feature_stays_in_zero_to_one() {
        for (String s : new String[]{"", "!!!!!!!!!!!!!!!!", "NO NO NO NO", "terrible awful worst useless scam 😡😡😡"}) {
            for (float v : SentimentLexicon.features(s)) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }
}
