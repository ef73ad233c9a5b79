package dev.chatbot.nlp.ml;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFeaturizerTest {

    private final List<String> texts = List.of("where is my order", "where is my parcel", "cancel my order",
            "refund my order", "hello there");

    @Test
    void typo_shares_character_ngrams_with_the_right_word() {
        TextFeaturizer f = TextFeaturizer.fit(texts, new TextFeaturizer.Options(1, 3, 5, 1, 10_000));
        SparseVector typo = f.transform("wher is my ordr");
        assertThat(typo.dot(f.transform("where is my order"))).isGreaterThan(typo.dot(f.transform("hello there")));
    }

    @Test
    void vectors_are_unit_length_and_unknown_text_is_empty() {
        TextFeaturizer f = TextFeaturizer.fit(texts, TextFeaturizer.Options.defaults());
        SparseVector v = f.transform("where is my order");
        assertThat(v.dot(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(f.transform("zzqx").size()).isZero();
        assertThat(f.transform("").size()).isZero();
    }

    @Test
    void save_and_load_round_trip(@TempDir Path dir) throws IOException {
        TextFeaturizer f = TextFeaturizer.fit(texts, TextFeaturizer.Options.defaults());
        f.save(dir.resolve("v.tsv"));
        TextFeaturizer g = TextFeaturizer.load(dir.resolve("v.tsv"));
        assertThat(g.transform("cancel my order")).isEqualTo(f.transform("cancel my order"));
        Files.writeString(dir.resolve("bad.tsv"), "nonsense\n");
        assertThatThrownBy(() -> TextFeaturizer.load(dir.resolve("bad.tsv"))).isInstanceOf(IOException.class);
    }
}
