package dev.chatbot.connectors.admin;

import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelComparisonTest {

    private final ModelEvaluations evaluations = new ModelEvaluations(null, new AdminConsoleConfig(), Clock.systemUTC());

    private static ModelManifest version(String id, String testData, double accuracy, double oosRecall, double faqMap) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("method", "test_set");
        e.put("test_data", testData);
        e.put("intent", Map.of("accuracy", accuracy, "macro_f1", accuracy - 0.01, "oos_recall", oosRecall));
        e.put("faq", Map.of("map", faqMap));
        return new ModelManifest(1, id, "2026-11-23T00:00:00Z", "sha256:x", PipelineConfig.defaults(), "enc", List.of(),
                1.0, e);
    }

    @Test
    void a_drop_beyond_the_tolerance_is_a_regression_that_blocks_activation() {
        var c = evaluations.compare(version("b", "t1", 0.90, 0.80, 0.85), version("a", "t1", 0.93, 0.80, 0.85));
        assertThat(c.verdict()).isEqualTo(ModelEvaluations.Verdict.WORSE);
        assertThat(c.blocksActivation()).isTrue();
        assertThat(c.summary()).isEqualTo("Worse than the active version a: Intent accuracy -3.0 pts, Intent macro F1 -3.0 pts.");
        assertThat(c.json().get("changes").findValuesAsText("metric"))
                .containsExactly("intent.accuracy", "intent.macro_f1", "intent.oos_recall", "faq.map");
    }

    @Test
    void mixed_changes_say_both_and_small_ones_are_the_same() {
        var mixed = evaluations.compare(version("b", "t1", 0.95, 0.70, 0.85), version("a", "t1", 0.93, 0.80, 0.85));
        assertThat(mixed.verdict()).isEqualTo(ModelEvaluations.Verdict.WORSE);
        assertThat(mixed.summary()).contains("Out-of-scope recall -10.0 pts").contains("(better: Intent accuracy +2.0 pts");
        var same = evaluations.compare(version("b", "t1", 0.935, 0.80, 0.849), version("a", "t1", 0.93, 0.80, 0.85));
        assertThat(same.verdict()).isEqualTo(ModelEvaluations.Verdict.SAME);
        assertThat(same.blocksActivation()).isFalse();
    }

    @Test
    void numbers_from_different_test_data_are_shown_but_do_not_block() {
        var c = evaluations.compare(version("b", "t2", 0.80, 0.80, 0.85), version("a", "t1", 0.93, 0.80, 0.85));
        assertThat(c.verdict()).isEqualTo(ModelEvaluations.Verdict.WORSE);
        assertThat(c.comparable()).isFalse();
        assertThat(c.blocksActivation()).isFalse();
        assertThat(c.summary()).endsWith("Not directly comparable: the two were measured on different test data.");
    }

    @Test
    void without_numbers_the_verdict_is_unknown() {
        ModelManifest bare = new ModelManifest(1, "c", "2026-11-23T00:00:00Z", "sha256:x", PipelineConfig.defaults(), "enc",
                List.of(), 1.0, null);
        var c = evaluations.compare(bare, version("a", "t1", 0.93, 0.80, 0.85));
        assertThat(c.verdict()).isEqualTo(ModelEvaluations.Verdict.UNKNOWN);
        assertThat(c.summary()).isEqualTo("This version has not been evaluated yet.");
    }
}
