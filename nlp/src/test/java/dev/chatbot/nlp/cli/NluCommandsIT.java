package dev.chatbot.nlp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.data.DataFolder;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.StepRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production wiring end to end: every step trainer found through ServiceLoader, the real MiniLM encoder,
 * OpenNLP's pretrained models; train a model version through the command, load it back from the model store
 * and analyse messages; evaluate through the command.
 */
class NluCommandsIT {

    @TempDir
    Path tmp;

    private Path shop(Path dir) {
        new DataFolder(dir)
                .intent("order_status", "where is my order [AB123456](order_id)", "has my parcel shipped yet",
                        "track my package please", "what's the status of order [CD654321](order_id)",
                        "my order hasn't arrived", "when will my order get here", "is my package on its way")
                .intent("refund_request", "I want my money back", "please refund [$25](amount)",
                        "can I get a refund for order [EF111222](order_id)", "refund me now", "I need a refund",
                        "give me my money back for the broken mug", "how do I get reimbursed")
                .intent("greet", "hello", "hi there", "good morning", "hey", "hiya", "good evening", "hello bot")
                .intent("out_of_scope", "what's the weather like", "tell me a joke", "who won the football",
                        "what is the capital of France", "sing me a song", "recommend a movie")
                .file("entities/order_id.yml", "version: 1\nentity: order_id\npatterns: ['\\b[A-Z]{2}\\d{6}\\b']\n")
                .file("entities/amount.yml", "version: 1\nentity: amount\n")
                .sentiment("negative", "this is terrible", "worst service ever", "I am furious", "you people are useless",
                        "still nothing arrived, unacceptable")
                .sentiment("neutral", "where is my order", "ok", "what are your opening hours", "I have a question",
                        "order number is AB123456")
                .sentiment("positive", "thanks so much", "great service", "love it", "you are the best",
                        "that was quick, thank you")
                .file("faq/shipping.yml", """
                        version: 1
                        topic: shipping
                        entries:
                          - id: shipping-times
                            question: How long does shipping take?
                            alternatives: [when will my parcel arrive, delivery time]
                            answer: Standard shipping takes 3-5 business days.
                          - id: shipping-cost
                            question: How much does shipping cost?
                            alternatives: [delivery fee, is shipping free]
                            answer: Shipping is free over 50 dollars.
                          - id: returns
                            question: How do I return an item?
                            alternatives: [send something back]
                            answer: Use the returns form in your account.
                        """);
        return dir;
    }

    @Test
    void trains_with_every_registered_step_and_serves_the_saved_version() {
        Path models = tmp.resolve("models");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new NluCommands().run(new String[] {"train", "--data", shop(tmp.resolve("data")).toString(),
                        "--out", models.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();

        ModelStore store = new ModelStore(models);
        ModelManifest m = store.manifest(store.activeVersion().orElseThrow());
        assertThat(m.steps()).containsExactlyElementsOf(PipelineConfig.DEFAULT_STEPS);
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            PipelineNluEngine engine = store.loadActive(StepRegistry.discover(), encoder);
            NluResult r = engine.analyze("Where is my order ab123456? It still hasn't arrived and I am furious");
            assertThat(r.intent().name()).isEqualTo("order_status");
            assertThat(r.entities()).extracting(EntityMention::value).contains("AB123456");
            assertThat(r.language()).isEqualTo("en");
            assertThat(engine.searchFaq("when does my parcel arrive", 3)).isNotEmpty()
                    .first().satisfies(h -> assertThat(h.id()).isEqualTo("shipping-times"));
            assertThat(engine.analyze("\u0000\uD800").intent().outOfScope()).isTrue();
        }
    }

    @Test
    void evaluates_through_the_command() throws Exception {
        Path test = tmp.resolve("test");
        new DataFolder(test)
                .intent("order_status", "where's my parcel", "track order [GH333444](order_id)")
                .intent("greet", "hi!", "good afternoon")
                .intent("out_of_scope", "what's the meaning of life")
                .sentiment("negative", "this is awful")
                .file("tests/faq-queries.yml", "version: 1\nqueries:\n  - text: how much is delivery\n"
                        + "    relevant: [shipping-cost]\n");
        Path report = tmp.resolve("report.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new NluCommands().run(new String[] {"evaluate", "--train", shop(tmp.resolve("data")).toString(),
                        "--test", test.toString(), "--out", report.toString(), "--html", tmp.resolve("r.html").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.get("intent").has("oos_recall")).isTrue();
        assertThat(r.get("entities").get("mentions").asInt()).isEqualTo(1);
        assertThat(r.get("faq").get("queries").asInt()).isEqualTo(1);
        assertThat(r.get("sentiment").get("examples").asInt()).isEqualTo(1);
        assertThat(r.get("timing").get("train_seconds").asDouble()).isPositive();
    }
}
