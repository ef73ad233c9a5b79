package dev.chatbot.nlp.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.data.DataFolder;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.entity.EntitiesStepTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import dev.chatbot.nlp.pipeline.TestSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import static org.assertj.core.api.Assertions.assertThat;

class NluEvaluatorTest {

    @TempDir
    Path tmp;

    private final StepRegistry registry = StepRegistry.of(new EntitiesStepTrainer(), new TestSteps.OverlapIntentTrainer(),
            new TestSteps.WordSentimentTrainer(), new TestSteps.OverlapFaqTrainer());
    private final NluEvaluator evaluator = new NluEvaluator(registry, new HashedNgramSentenceEncoder(),
            PipelineConfig.of(List.of("entities", "intent", "sentiment", "faq")));

    private Path train() {
        Path dir = tmp.resolve("train");
        new DataFolder(dir)
                .intent("order_status", "where is my order", "has my parcel shipped", "track my package",
                        "send it to [Paris](city)", "ship to [Berlin](city)", "deliver to [Rome](city) please")
                .intent("greet", "hello there", "good morning", "hi friend")
                .intent("out_of_scope", "what is the weather", "tell me a joke", "who won the game")
                .file("faq/shipping.yml", """
                        version: 1
                        topic: shipping
                        entries:
                          - id: shipping-times
                            question: How long does shipping take?
                            alternatives: [delivery time]
                            answer: 3-5 days.
                          - id: returns
                            question: How do I return an item?
                            answer: Use the returns form.
                        """);
        return dir;
    }

    private Path test(boolean withOos) {
        Path dir = tmp.resolve(withOos ? "test-oos" : "test");
        DataFolder f = new DataFolder(dir)
                .intent("order_status", "where is my parcel", "track my order", "ship it to [Madrid](city)")
                .intent("greet", "hello friend", "is the order here")
                .sentiment("negative", "I hate this", "awful service")
                .sentiment("positive", "I love it")
                .sentiment("neutral", "ok", "I hate nothing") // one wrong on purpose
                .file("tests/faq-queries.yml", """
                        version: 1
                        queries:
                          - text: how long is delivery time
                            relevant: [shipping-times]
                          - text: return an item
                            relevant: [returns]
                          - text: something unrelated
                            relevant: [returns]
                        """);
        if (withOos) {
            f.intent("out_of_scope", "tell me the weather", "where is my order");
        }
        return dir;
    }

    private JsonNode run(Path test) throws Exception {
        TrainingDataLoader loader = new TrainingDataLoader();
        Report r = evaluator.evaluate(loader.load(train()), loader.load(test), Progress.NONE);
        return new ObjectMapper().readTree(r.toJson());
    }

    @Test
    void report_has_exactly_the_contract_keys_first() throws Exception {
        JsonNode r = run(test(false));
        assertThat(fieldNames(r)).containsExactly("intent", "entities", "sentiment", "faq", "timing");
        assertThat(fieldNames(r.get("intent"))).startsWith("examples", "accuracy", "in_scope_accuracy", "macro_f1");
        assertThat(r.get("intent").has("oos_recall")).isFalse();
        assertThat(fieldNames(r.get("entities"))).startsWith("mentions", "precision", "recall", "f1");
        assertThat(fieldNames(r.get("sentiment"))).startsWith("examples", "accuracy", "macro_f1");
        assertThat(fieldNames(r.get("faq"))).startsWith("queries", "map", "mrr", "recall_at_1", "recall_at_5");
        assertThat(fieldNames(r.get("timing"))).startsWith("train_seconds", "predict_ms_p50", "predict_ms_p99");
    }

    @Test
    void intent_metrics_follow_the_contract_definitions() throws Exception {
        JsonNode i = run(test(true)).get("intent");
        // order_status: 3/3 right; greet: "hello friend" right, "is the order here" wrong;
        // out_of_scope: "tell me the weather" caught, "where is my order" predicted order_status
        assertThat(i.get("examples").asInt()).isEqualTo(7);
        assertThat(i.get("accuracy").asDouble()).isEqualTo(Report.round(5.0 / 7));
        assertThat(i.get("in_scope_accuracy").asDouble()).isEqualTo(0.8);
        assertThat(i.get("oos_recall").asDouble()).isEqualTo(0.5);
        assertThat(i.get("per_intent").get("greet").get("recall").asDouble()).isEqualTo(0.5);
        assertThat(i.get("misclassified")).hasSize(2);
        assertThat(i.get("misclassified").get(0).get("source").asText()).startsWith("intents/");
        int histogramTotal = 0;
        for (JsonNode n : i.get("confidence_histogram").get("correct")) {
            histogramTotal += n.asInt();
        }
        for (JsonNode n : i.get("confidence_histogram").get("wrong")) {
            histogramTotal += n.asInt();
        }
        assertThat(histogramTotal).isEqualTo(7);
    }

    @Test
    void sentiment_entities_and_faq_are_measured() throws Exception {
        JsonNode r = run(test(false));
        assertThat(r.get("sentiment").get("examples").asInt()).isEqualTo(5);
        assertThat(r.get("sentiment").get("accuracy").asDouble()).isEqualTo(0.8);
        assertThat(r.get("entities").get("mentions").asInt()).isEqualTo(1);
        JsonNode faq = r.get("faq");
        assertThat(faq.get("queries").asInt()).isEqualTo(3);
        assertThat(faq.get("recall_at_1").asDouble()).isBetween(0.66, 0.67);
        assertThat(faq.get("mrr").asDouble()).isGreaterThanOrEqualTo(faq.get("recall_at_1").asDouble());
        assertThat(r.get("timing").get("predict_ms_p99").asDouble())
                .isGreaterThanOrEqualTo(r.get("timing").get("predict_ms_p50").asDouble());
    }

    @Test
    void sections_without_test_data_are_left_out() throws Exception {
        Path dir = tmp.resolve("only-sentiment");
        new DataFolder(dir).sentiment("negative", "I hate this");
        JsonNode r = run(dir);
        assertThat(fieldNames(r)).containsExactly("sentiment", "timing");
    }

    @Test
    void html_report_is_self_contained_and_escapes_text() throws Exception {
        Path dir = tmp.resolve("xss");
        new DataFolder(dir).intent("greet", "<script>alert('x')</script> hello", "hello there");
        TrainingDataLoader loader = new TrainingDataLoader();
        Report r = evaluator.evaluate(loader.load(train()), loader.load(dir), Progress.NONE);
        Path html = tmp.resolve("out/report.html");
        r.writeHtml(html);
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("Confusion matrix")
                .contains("&lt;script&gt;").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("<img");
    }

    @Test
    void percentiles_and_offset_mapping() {
        assertThat(NluEvaluator.percentile(new double[] {5, 1, 3, 2, 4}, 0.5)).isEqualTo(3);
        assertThat(NluEvaluator.percentile(new double[] {5, 1, 3, 2, 4}, 0.99)).isEqualTo(5);
        assertThat(NluEvaluator.percentile(new double[0], 0.5)).isZero();
        int[] map = NluEvaluator.offsetMap("a  b", "a b");
        assertThat(map[3]).isEqualTo(2);
        assertThat(map[4]).isEqualTo(3);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

}
