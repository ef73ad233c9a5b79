package dev.chatbot.nlp.sentiment;

import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.testing.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SentimentStepTrainerTest {

    private static final HashedNgramSentenceEncoder ENCODER = new HashedNgramSentenceEncoder(128);
    private static final StepContext CONTEXT = new StepContext(ENCODER, Map.of(), Progress.NONE, 3);

    private static TrainingData data() {
        return TinyData.sentiment(Map.of(
                "negative", List.of("this is terrible", "worst service ever", "i am so angry", "my order is late again!!!",
                        "useless support", "the item arrived broken", "i hate this", "where is my refund, ridiculous",
                        "nobody helps me", "never buying here again", "awful experience", "you ignored my emails"),
                "neutral", List.of("where is my order", "can i change my address", "what is the return policy",
                        "do you ship to france", "my order number is 1234", "how do i pay", "is it in stock",
                        "what sizes are there", "i ordered yesterday", "can i pick it up", "what are the hours",
                        "how long is delivery"),
                "positive", List.of("thank you so much", "great service", "love it", "perfect, thanks",
                        "you are awesome", "really happy with it", "thanks for the help", "excellent quality",
                        "it arrived early, great", "brilliant support", "very pleased", "amazing, thank you")));
    }

    private static SentimentPrediction predict(NluStep step, String text) {
        Analysis a = new Analysis(text, ENCODER);
        step.apply(a);
        return a.sentiment();
    }

    @Test
    void catches_angry_and_pleased_customers() {
        NluStep step = new SentimentStepTrainer().train(data(), CONTEXT);
        assertThat(predict(step, "this is ridiculous, WHERE IS MY ORDER!!!").label()).isEqualTo("negative");
        assertThat(predict(step, "thanks a lot, great help").label()).isEqualTo("positive");
        assertThat(predict(step, "what is the return policy for shoes").label()).isEqualTo("neutral");
    }

    @Test
    void score_is_positive_minus_negative_probability() {
        NluStep step = new SentimentStepTrainer().train(data(), CONTEXT);
        SentimentPrediction p = predict(step, "worst service, i am angry");
        assertThat(p.score()).isCloseTo(p.probabilities().get("positive") - p.probabilities().get("negative"), within(1e-9));
        assertThat(p.score()).isNegative();
        assertThat(p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void no_examples_means_neutral() {
        NluStep step = new SentimentStepTrainer().train(TinyData.intents(), CONTEXT);
        assertThat(predict(step, "i hate you").label()).isEqualTo("neutral");
    }

    @Test
    void unknown_label_is_a_clear_error() {
        TrainingData bad = TinyData.sentiment(Map.of("angry", List.of("grr")));
        assertThatThrownBy(() -> new SentimentStepTrainer().train(bad, CONTEXT)).hasMessageContaining("unknown label 'angry'");
    }

    @Test
    void saved_step_loads_and_predicts_the_same(@TempDir Path dir) throws IOException {
        NluStep step = new SentimentStepTrainer().train(data(), CONTEXT);
        step.save(dir);
        NluStep loaded = new SentimentStepTrainer().load(dir, CONTEXT);
        assertThat(predict(loaded, "useless!!").score()).isEqualTo(predict(step, "useless!!").score());
        StepContext other = new StepContext(new HashedNgramSentenceEncoder(64), Map.of(), Progress.NONE, 3);
        assertThatThrownBy(() -> new SentimentStepTrainer().load(dir, other)).isInstanceOf(IOException.class)
                .hasMessageContaining("retrain");
        Files.write(dir.resolve("classifier/sentiment.bin"), new byte[]{1, 2, 3});
        assertThatThrownBy(() -> new SentimentStepTrainer().load(dir, CONTEXT)).isInstanceOf(IOException.class)
                .hasMessageContaining("sentiment.bin");
    }

    @Test
    void odd_input_never_throws() {
        NluStep step = new SentimentStepTrainer().train(data(), CONTEXT);
        for (String s : new String[]{"", "!!!!!!!!", "😡", "\u0000", "A".repeat(50_000)}) {
            assertThat(predict(step, s)).isNotNull();
        }
    }
}
