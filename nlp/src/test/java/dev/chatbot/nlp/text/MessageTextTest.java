package dev.chatbot.nlp.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTextTest {

    @Test
    void collapses_whitespace_and_removes_control_characters() {
        assertThat(MessageText.clean("  where\tis\n\n my\u0000order \u200B ", 100)).isEqualTo("where is my order");
    }

    @Test
    void null_and_blank_become_empty() {
        assertThat(MessageText.clean(null, 10)).isEmpty();
        assertThat(MessageText.clean(" \u0007 ", 10)).isEmpty();
    }

    @Test
    void cuts_without_splitting_a_surrogate_pair() {
        assertThat(MessageText.clean("ab😀cd", 3)).isEqualTo("ab");
        assertThat(MessageText.clean("ab😀cd", 4)).isEqualTo("ab😀");
        assertThat(MessageText.clean("x".repeat(10_000), 50)).hasSize(50);
    }

    @Test
    void drops_unpaired_surrogates_and_keeps_emoji() {
        assertThat(MessageText.clean("a\uD800b\uDC00c 👍🏽", 100)).isEqualTo("abc 👍🏽");
    }
}
