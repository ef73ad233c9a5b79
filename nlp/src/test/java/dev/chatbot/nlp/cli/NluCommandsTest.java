package dev.chatbot.nlp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.data.DataFolder;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.entity.EntitiesStepTrainer;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.StepRegistry;
import dev.chatbot.nlp.pipeline.TestSteps;
import dev.chatbot.nlp.text.TokensStepTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the commands in process, with test-only intent/sentiment/FAQ steps and a hashed test encoder. */
class NluCommandsTest {

    @TempDir
    Path tmp;

    private final NluCommands commands = new NluCommands(
            () -> StepRegistry.of(new TokensStepTrainer(), new EntitiesStepTrainer(), new TestSteps.OverlapIntentTrainer(),
                    new TestSteps.WordSentimentTrainer(), new TestSteps.OverlapFaqTrainer()),
            HashedNgramSentenceEncoder::new, false);

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(null, args);
    }

    private int run(Set<String> handlers, String... args) {
        outBytes.reset();
        errBytes.reset();
        return commands.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), handlers);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private Path goodData() {
        Path dir = tmp.resolve("data");
        new DataFolder(dir)
                .intent("order_status", "where is my order", "has my parcel shipped", "track my package",
                        "where is [AB123456](order_id)", "status of my order")
                .intent("greet", "hello there", "good morning", "hi friend", "hey", "good evening")
                .file("intents/refund.yml", "version: 1\nintent: refund\nhandler: refund\n"
                        + "examples: [i want my money back, refund please, refund my order, give me a refund, money back]\n");
        return dir;
    }

    private Path pipeline() throws Exception {
        Path p = tmp.resolve("pipeline.yml");
        Files.writeString(p, "version: 1\nsteps: [tokens, entities, intent, sentiment]\n");
        return p;
    }

    @Test
    void validate_accepts_good_data() {
        assertThat(run("validate", "--data", goodData().toString())).isZero();
        assertThat(out()).contains("valid (3 intents, 15 examples");
    }

    @Test
    void validate_names_file_and_line_and_exits_2() {
        Path dir = goodData();
        new DataFolder(dir).file("intents/bye.yml", "version: 1\nintent: bye\nexamples: [bye, ciao]\ncolour: red\n");
        assertThat(run("validate", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("intents/bye.yml:4: error: unknown key 'colour'").contains("1 error");
    }

    @Test
    void validate_checks_handlers_when_the_dialogue_layer_gives_them() {
        assertThat(run(Set.of("order_status"), "validate", "--data", goodData().toString())).isEqualTo(2);
        assertThat(err()).contains("intents/refund.yml:2: error: unknown handler 'refund'");
        assertThat(run(Set.of("refund"), "validate", "--data", goodData().toString())).isZero();
    }

    @Test
    void train_writes_an_active_model_version() throws Exception {
        Path models = tmp.resolve("models");
        assertThat(run("train", "--data", goodData().toString(), "--out", models.toString(),
                "--pipeline", pipeline().toString())).isZero();
        assertThat(out()).contains("trained model").contains("(active)");
        ModelStore store = new ModelStore(models);
        assertThat(store.activeVersion()).isPresent();
        assertThat(store.manifest(store.activeVersion().get()).steps())
                .containsExactly("tokens", "entities", "intent", "sentiment");
        assertThat(err()).contains("training");
    }

    @Test
    void train_refuses_invalid_data_with_file_and_line() throws Exception {
        Path dir = goodData();
        new DataFolder(dir).file("intents/greet.yml", "version: 1\nintent: greet\nexamples: [hello there, where is my order]\n");
        assertThat(run("train", "--data", dir.toString(), "--out", tmp.resolve("m").toString(),
                "--pipeline", pipeline().toString())).isEqualTo(2);
        assertThat(err()).contains("intents/order_status.yml:").contains("is in intent 'order_status' and in intent 'greet'");
        assertThat(tmp.resolve("m")).doesNotExist();
    }

    @Test
    void validate_train_and_evaluate_refuse_a_symbolic_link_out_of_the_folder() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("stolen.yml"),
                "version: 1\nintent: stolen\nexamples: [the vault code is hunter2-do-not-leak, second one here]\n");
        Path dir = goodData();
        Files.createSymbolicLink(dir.resolve("intents/stolen.yml"), outside.resolve("stolen.yml"));
        Path models = tmp.resolve("m");
        assertThat(run("validate", "--data", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("intents/stolen.yml: error: symbolic link refused").doesNotContain("hunter2");
        assertThat(run("train", "--data", dir.toString(), "--out", models.toString(),
                "--pipeline", pipeline().toString())).isEqualTo(2);
        assertThat(err()).contains("intents/stolen.yml: error: symbolic link refused");
        assertThat(models).doesNotExist();
        assertThat(run("evaluate", "--train", dir.toString(), "--test", dir.toString(),
                "--out", tmp.resolve("r.json").toString(), "--pipeline", pipeline().toString())).isEqualTo(2);
        assertThat(err()).contains("symbolic link refused");
        assertThat(tmp.resolve("r.json")).doesNotExist();
    }

    @Test
    void evaluate_writes_the_json_report_and_the_html_page() throws Exception {
        Path test = tmp.resolve("test");
        new DataFolder(test).intent("greet", "hello friend", "good morning to you").sentiment("negative", "I hate it");
        Path json = tmp.resolve("out/report.json");
        Path html = tmp.resolve("out/report.html");
        assertThat(run("evaluate", "--train", goodData().toString(), "--test", test.toString(), "--out", json.toString(),
                "--html", html.toString(), "--pipeline", pipeline().toString())).isZero();
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.has("intent")).isTrue();
        assertThat(r.has("sentiment")).isTrue();
        assertThat(r.has("faq")).isFalse();
        assertThat(r.get("intent").get("examples").asInt()).isEqualTo(2);
        assertThat(Files.readString(html)).contains("<svg");
        assertThat(out()).contains("wrote " + json).contains("intent: {examples=2");
    }

    @Test
    void evaluate_reports_cross_file_flaws_as_warnings_and_goes_on() throws Exception {
        Path train = goodData();
        new DataFolder(train).file("intents/greet.yml",
                "version: 1\nintent: greet\nexamples: [hello there, good morning, hi friend, hey, where is my order]\n");
        Path test = tmp.resolve("test");
        new DataFolder(test).intent("greet", "hello friend");
        assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--out",
                tmp.resolve("r.json").toString(), "--pipeline", pipeline().toString())).isZero();
        assertThat(err()).contains("warning (an error for validate)");
    }

    @Test
    void bad_arguments_exit_2_with_a_clear_message() throws Exception {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("missing command");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'frobnicate'");
        assertThat(run("train", "--data", goodData().toString())).isEqualTo(2);
        assertThat(err()).contains("missing option --out");
        assertThat(run("validate", "--data", tmp.resolve("nope").toString())).isEqualTo(2);
        assertThat(err()).contains("is not a folder");
        assertThat(run("validate", "--data")).isEqualTo(2);
        assertThat(err()).contains("--data needs a value");
        assertThat(run("validate", "--data", "x", "--color", "red")).isEqualTo(2);
        assertThat(err()).contains("unknown option --color");
        Path badPipeline = tmp.resolve("bad.yml");
        Files.writeString(badPipeline, "steps: [tokens, intnet]\n");
        assertThat(run("train", "--data", goodData().toString(), "--out", tmp.resolve("m").toString(),
                "--pipeline", badPipeline.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown step 'intnet'");
    }

    @Test
    void progress_lines_on_a_terminal_are_redrawn_in_place() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.update("training intent", 0, 10);
        p.update("training intent", 10, 10);
        p.finish();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r").contains("100%").endsWith("\n");
    }
}
