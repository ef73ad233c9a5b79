package dev.chatbot.trainingdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.core.handler.Handlers;
import dev.chatbot.nlp.cli.NluCommands;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trains the default bot from {@code training-data/} and evaluates it on the held-apart {@code test-set/} with the
 * project's own {@code evaluate} command, as CI does on every run. The floors are the measured numbers (see
 * docs/nlu-quality.md) less a margin: a change to the data or the models that loses more fails the build. The
 * reports are kept in {@code training-data/target/}.
 */
class DefaultBotEvaluationIT {

    @Test
    void the_default_bot_keeps_its_measured_quality() throws Exception {
        Path out = Path.of("target", "default-bot-report.json").toAbsolutePath();
        Path html = Path.of("target", "default-bot-report.html").toAbsolutePath();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new NluCommands().run(new String[]{"evaluate", "--train", DefaultBotDataTest.DATA.toString(),
                        "--test", DefaultBotDataTest.TEST_SET.toString(), "--out", out.toString(), "--html", html.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Handlers.names());
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        System.out.printf("default bot: intent accuracy %.4f (in scope %.4f, oos recall %.4f), entities F1 %.4f, "
                        + "sentiment accuracy %.4f, FAQ MAP %.4f; report %s%n", r.at("/intent/accuracy").asDouble(),
                r.at("/intent/in_scope_accuracy").asDouble(), r.at("/intent/oos_recall").asDouble(),
                r.at("/entities/f1").asDouble(), r.at("/sentiment/accuracy").asDouble(), r.at("/faq/map").asDouble(), html);

        assertThat(r.at("/intent/examples").asInt()).isGreaterThanOrEqualTo(250);
        assertThat(r.at("/intent/accuracy").asDouble()).isGreaterThanOrEqualTo(0.93);
        assertThat(r.at("/intent/in_scope_accuracy").asDouble()).isGreaterThanOrEqualTo(0.93);
        assertThat(r.at("/intent/oos_recall").asDouble()).isGreaterThanOrEqualTo(0.75);
        assertThat(r.at("/entities/f1").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.at("/sentiment/accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.at("/faq/map").asDouble()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.at("/timing/train_seconds").asDouble()).isPositive();
        assertThat(Files.readString(html)).contains("<svg");
    }
}
