package dev.chatbot.nlp.text;

import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Uses OpenNLP's real pretrained models from the class path (the language model takes seconds to read). */
class TextStepsTest {

    private final StepContext ctx = new StepContext(new HashedNgramSentenceEncoder(), Map.of(), Progress.NONE, 1);

    private static Analysis run(NluStep step, String text) {
        Analysis a = new Analysis(text, new HashedNgramSentenceEncoder());
        step.apply(a);
        return a;
    }

    @Test
    void tokenizer_splits_words_and_punctuation(@TempDir Path dir) throws Exception {
        NluStep step = new TokensStepTrainer().train(null, ctx);
        assertThat(run(step, "Where's my order? It's late!").tokens())
                .containsSubsequence("my", "order", "?", "late", "!");
        assertThat(run(step, "").tokens()).isEmpty();
        step.save(dir);
        assertThat(run(new TokensStepTrainer().load(dir, ctx), "hi there").tokens()).containsExactly("hi", "there");
    }

    @Test
    void tokenizer_load_fails_on_an_empty_folder(@TempDir Path dir) {
        assertThatThrownBy(() -> new TokensStepTrainer().load(dir, ctx)).hasMessageContaining("missing");
    }

    @Test
    void language_is_detected_on_sentences_and_undetermined_on_short_or_odd_text(@TempDir Path dir) throws Exception {
        NluStep step = new LanguageStepTrainer().train(null, ctx);
        assertThat(run(step, "I want a refund for the broken blender I received yesterday").language()).isEqualTo("en");
        assertThat(run(step, "wo ist meine Bestellung, ich warte seit einer Woche").language()).isEqualTo("de");
        assertThat(run(step, "où est ma commande s'il vous plaît").language()).isEqualTo("fr");
        assertThat(run(step, "hi").language()).isEqualTo("und");
        assertThat(run(step, "😀😀😀 !!!").language()).isEqualTo("und");
        assertThat(run(step, "").language()).isEqualTo("und");
        step.save(dir);
        assertThat(Files.readString(dir.resolve("language.properties"))).contains("min_ratio");
        assertThat(run(new LanguageStepTrainer().load(dir, ctx), "has my package shipped yet, it has been a week")
                .language()).isEqualTo("en");
    }
}
