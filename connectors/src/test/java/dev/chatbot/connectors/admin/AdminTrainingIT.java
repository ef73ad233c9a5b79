package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.chatbot.connectors.admin.AdminTesting.json;
import static dev.chatbot.connectors.admin.AdminTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training, evaluation, activation and rollback against the real server, on a temporary copy of the default bot and
 * its own models folder: a training job reports growing progress and ends with a new evaluated version; the versions
 * list shows the numbers and the comparison with the active version; activating switches the live bot (the next
 * widget message is answered by the new version, as its trace says) and a restart keeps it; rolling back brings the
 * old answers back; a version that measures worse is not activated without an explicit "anyway".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminTrainingIT {

    static final String QUESTION = "Can I rent camping gear instead of buying it?";
    static final String ANSWER = "Yes: the Fernhill Rental Club lends tents, stoves and sleeping bags for 12 per weekend.";
    static final String PARAPHRASE = "is it possible to hire a tent for the weekend";

    private static TestServer server;
    private static StaffApi api;
    private static Path data;
    private static String admin;
    private static String repositoryBefore;

    @BeforeAll
    static void start() {
        repositoryBefore = AdminTesting.fingerprint(AdminTesting.REPOSITORY_DATA);
        data = AdminTesting.copyOfDefaultBot();
        server = TestServer.start(AdminTesting.settings(data, AdminTesting.ownModelsFolder()));
        api = new StaffApi(server);
        admin = api.adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        assertThat(AdminTesting.fingerprint(AdminTesting.REPOSITORY_DATA)).isEqualTo(repositoryBefore);
    }

    /** Starts a job and follows it to its end, collecting every progress report on the way. */
    private static List<JsonNode> runJob(String body) {
        HttpResponse<String> started = api.post("/api/admin/train", admin, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).get("id").asText();
        assertThat(started.headers().firstValue("Location")).contains("/api/admin/train/" + id);
        return follow(id);
    }

    private static List<JsonNode> follow(String id) {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode job = json(api.get("/api/admin/train/" + id, admin));
            seen.add(job);
            if (!job.get("state").asText().equals("running")) {
                return seen;
            }
            sleep(150);
        }
        throw new AssertionError("job " + id + " did not finish: " + seen.get(seen.size() - 1));
    }

    private static JsonNode models() {
        return json(api.get("/api/admin/models", admin));
    }

    private static String active() {
        return models().get("active").asText();
    }

    /** Activates a version, confirming when the server says it measures worse than the active one. */
    private static void activate(String version) {
        HttpResponse<String> r = api.post("/api/admin/models/" + version + "/activate", admin, "{}");
        if (r.statusCode() == 409 && json(r).get("error").asText().equals("regression")) {
            r = api.post("/api/admin/models/" + version + "/activate", admin, "{\"force\":true}");
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("active").asText()).isEqualTo(version);
    }

    /** Asks the bot in a new widget conversation; returns the bot's answer and the model version its trace names. */
    private static String[] ask(String text) {
        TestServer.WidgetSession s = server.newSession();
        try (ChatClient chat = server.connect(s)) {
            chat.awaitType("state");
            long seq = chat.say("q-1", text);
            JsonNode answer = chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq
                    && f.path("role").asText().equals("bot"));
            JsonNode conversation = json(api.get("/api/agent/conversations/" + s.conversationId(), admin));
            String model = conversation.at("/traces/0/trace/model").asText();
            return new String[]{answer.get("text").asText(), model, answer.path("sources").toString()};
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void a_job_on_data_with_errors_fails_with_every_problem_and_trains_nothing() {
        Path greet = data.resolve("intents/smalltalk/greet.yml");
        String original = read(greet);
        int versions = models().get("versions").size();
        // a hand edit on disk, which the admin API itself would have refused
        AdminTesting.write(greet, original.replace("examples:", "exmaples:"));
        try {
            List<JsonNode> seen = runJob("{}");
            JsonNode last = seen.get(seen.size() - 1);
            assertThat(last.get("state").asText()).isEqualTo("failed");
            assertThat(last.get("error").asText()).contains("errors");
            assertThat(last.get("problems").findValuesAsText("text"))
                    .anySatisfy(p -> assertThat(p).matches("intents/smalltalk/greet.yml:\\d+: error: unknown key 'exmaples'.*"));
            assertThat(last.get("steps").toString()).contains("{\"name\":\"validate\",\"state\":\"failed\"}");
            assertThat(models().get("versions")).hasSize(versions);
        } finally {
            AdminTesting.write(greet, original);
        }
    }

    @Test
    @Order(2)
    void training_reports_progress_then_activation_switches_the_live_bot_and_rollback_restores_it() {
        String before = active();
        String[] old = ask(PARAPHRASE);
        assertThat(old[0]).isNotEqualTo(ANSWER);
        assertThat(old[1]).isEqualTo(before);

        var entry = Frames.JSON.createObjectNode().put("topic", "rentals").put("id", "rent-gear")
                .put("question", QUESTION).put("answer", ANSWER);
        entry.putArray("alternatives").add("can i hire a tent").add("do you rent out equipment").add("gear rental");
        HttpResponse<String> added = api.post("/api/admin/faq", admin, entry.toString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        HttpResponse<String> started = api.post("/api/admin/train", admin, "{}");
        assertThat(started.statusCode()).isEqualTo(202);
        HttpResponse<String> second = api.post("/api/admin/train", admin, "{}");
        assertThat(second.statusCode()).as("one job at a time").isEqualTo(409);
        assertThat(json(second).get("error").asText()).isEqualTo("job_running");
        List<JsonNode> seen = follow(json(started).get("id").asText());

        JsonNode done = seen.get(seen.size() - 1);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        List<Double> percents = seen.stream().map(j -> j.get("percent").asDouble()).toList();
        for (int i = 1; i < percents.size(); i++) {
            assertThat(percents.get(i)).as("progress only grows: %s", percents).isGreaterThanOrEqualTo(percents.get(i - 1));
        }
        assertThat(percents.stream().filter(p -> p > 0 && p < 100).distinct().count())
                .as("progress between start and end: %s", percents).isGreaterThanOrEqualTo(3);
        assertThat(seen.stream().map(j -> j.get("task").asText()).distinct().toList())
                .anySatisfy(t -> assertThat(t).startsWith("training "))
                .anySatisfy(t -> assertThat(t).startsWith("predicting"));
        assertThat(done.get("steps").findValuesAsText("state")).containsExactly("done", "done", "done", "done", "done", "skipped");
        String version = done.get("version").asText();
        assertThat(version).isNotEqualTo(before);
        assertThat(done.at("/evaluation/method").asText()).isEqualTo("test_set");
        assertThat(done.at("/evaluation/accuracy").asDouble()).isGreaterThan(0.6);
        assertThat(done.at("/comparison/against").asText()).isEqualTo(before);
        assertThat(done.at("/comparison/comparable").asBoolean()).as("both measured on the same test set").isTrue();

        JsonNode listed = models();
        assertThat(listed.get("active").asText()).as("training alone does not publish").isEqualTo(before);
        JsonNode newest = listed.at("/versions/0");
        assertThat(newest.get("version").asText()).isEqualTo(version);
        assertThat(newest.get("active").asBoolean()).isFalse();
        for (String number : List.of("accuracy", "macroF1", "oosRecall", "faqMap", "sentimentAccuracy")) {
            assertThat(newest.at("/evaluation/" + number).asDouble()).as(number).isBetween(0.3, 1.0);
        }
        assertThat(newest.at("/comparison/verdict").asText()).isIn("better", "same", "worse");
        assertThat(newest.at("/comparison/summary").asText()).contains(before);
        assertThat(newest.at("/comparison/changes").findValuesAsText("metric")).contains("intent.accuracy", "faq.map");
        JsonNode activeItem = listed.get("versions").findParents("version").stream()
                .filter(v -> v.get("version").asText().equals(before)).findFirst().orElseThrow();
        assertThat(activeItem.get("active").asBoolean()).isTrue();
        assertThat(activeItem.at("/evaluation/accuracy").isNumber()).as("the active version was measured for the comparison").isTrue();

        HttpResponse<String> reportJson = api.get("/api/admin/models/" + version + "/report.json", admin);
        assertThat(reportJson.statusCode()).isEqualTo(200);
        assertThat(json(reportJson).at("/intent/per_intent").size()).isGreaterThanOrEqualTo(20);
        assertThat(json(reportJson).at("/intent/confusion_matrix").isObject()).isTrue();
        HttpResponse<String> html = api.get("/api/admin/models/" + version + "/report.html", admin);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox").doesNotContain("script");
        assertThat(html.body()).contains("<svg").contains("Confusion").doesNotContain("<script");

        activate(version);
        String[] answered = ask(PARAPHRASE);
        assertThat(answered[0]).as("the next message is answered from the new FAQ entry").isEqualTo(ANSWER);
        assertThat(answered[1]).as("by the new version").isEqualTo(version);
        assertThat(answered[2]).contains("rent-gear");
        assertThat(models().get("published").asText()).isEqualTo(version);

        // a restart keeps serving the version the admin published
        server.stop();
        server.startAgain();
        api = new StaffApi(server);
        admin = api.adminToken();
        assertThat(active()).isEqualTo(version);

        activate(before);
        String[] rolledBack = ask(PARAPHRASE);
        assertThat(rolledBack[0]).as("rolled back: the new entry is gone again").isNotEqualTo(ANSWER);
        assertThat(rolledBack[1]).isEqualTo(before);
        assertThat(active()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void a_version_that_measures_worse_is_not_activated_without_an_explicit_force() {
        String before = active();
        Path damaged = data.resolve("intents/returns/damaged_item.yml");
        String original = read(damaged);
        assertThat(api.send("DELETE", "/api/admin/intents/damaged_item", admin, null,
                java.util.Map.of("Origin", api.origin())).statusCode()).isEqualTo(204);
        try {
            List<JsonNode> seen = runJob("{\"activate\":true}");
            JsonNode done = seen.get(seen.size() - 1);
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
            assertThat(done.at("/comparison/verdict").asText()).isEqualTo("worse");
            assertThat(done.at("/comparison/summary").asText()).startsWith("Worse than the active version").contains("Intent accuracy -");
            assertThat(done.get("activated").asBoolean()).isFalse();
            assertThat(done.get("note").asText()).startsWith("Not activated");
            assertThat(active()).isEqualTo(before);

            String version = done.get("version").asText();
            HttpResponse<String> refused = api.post("/api/admin/models/" + version + "/activate", admin, "{}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused).get("error").asText()).isEqualTo("regression");
            assertThat(json(refused).at("/comparison/changes").findValuesAsText("worse")).contains("true");
            assertThat(active()).isEqualTo(before);
            HttpResponse<String> forced = api.post("/api/admin/models/" + version + "/activate", admin, "{\"force\":true}");
            assertThat(forced.statusCode()).isEqualTo(200);
            assertThat(active()).isEqualTo(version);
            activate(before);
        } finally {
            AdminTesting.write(damaged, original);
        }
    }

    @Test
    @Order(4)
    void without_a_test_set_a_version_is_measured_on_a_stratified_hold_out() {
        String live = active();
        TrainingDataFolder.deleteTree(data.resolve("test-set"));
        HttpResponse<String> started = api.post("/api/admin/models/" + live + "/evaluate", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        List<JsonNode> seen = follow(json(started).get("id").asText());
        JsonNode done = seen.get(seen.size() - 1);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("kind").asText()).isEqualTo("evaluate");
        assertThat(done.at("/evaluation/method").asText()).isEqualTo("hold_out");
        assertThat(done.at("/evaluation/accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(done.at("/evaluation/faqMap").asDouble()).as("held-out phrasings find their entries").isBetween(0.3, 1.0);
        JsonNode item = models().get("versions").findParents("version").stream()
                .filter(v -> v.get("version").asText().equals(live)).findFirst().orElseThrow();
        assertThat(item.at("/evaluation/method").asText()).isEqualTo("hold_out");
        JsonNode other = models().get("versions").findParents("version").stream()
                .filter(v -> !v.get("version").asText().equals(live) && v.has("comparison")).findFirst().orElseThrow();
        assertThat(other.at("/comparison/comparable").asBoolean()).as("a test-set number and a hold-out number").isFalse();
        assertThat(other.at("/comparison/summary").asText()).contains("different test data");
    }
}
