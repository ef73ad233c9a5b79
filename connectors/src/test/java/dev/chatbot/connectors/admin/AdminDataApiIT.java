package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.security.TokenSigner;
import dev.chatbot.connectors.testing.ChatClient;
import dev.chatbot.connectors.testing.Frames;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.chatbot.connectors.admin.AdminTesting.delete;
import static dev.chatbot.connectors.admin.AdminTesting.json;
import static dev.chatbot.connectors.admin.AdminTesting.put;
import static dev.chatbot.connectors.admin.AdminTesting.putYaml;
import static dev.chatbot.connectors.admin.AdminTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin data API against the real server, on a temporary copy of the default bot's training data: roles on every
 * endpoint, validation with file and line before anything is saved, edits that keep comments and order, optimistic
 * locking, and the refusals (path traversal, YAML bombs, oversized bodies). The repository's own training data is
 * checked to be untouched at the end.
 */
class AdminDataApiIT {

    private static final String COMMENTED_INTENT = """
            version: 1
            intent: thanks
            # kept short: the bot answers with a fixed reply
            description: The customer says thank you   # for people, not the model
            examples:
              - thanks
              - thank you
              # the polite ones
              - 'thanks a lot: that helped'
              - cheers
              - many thanks
              - thank you so much
            replies: ["You're welcome!"]
            """;

    private static TestServer server;
    private static StaffApi api;
    private static Path data;
    private static String admin;
    private static String agent;
    private static String repositoryBefore;

    @BeforeAll
    static void start() {
        repositoryBefore = AdminTesting.fingerprint(AdminTesting.REPOSITORY_DATA);
        data = AdminTesting.copyOfDefaultBot();
        server = TestServer.start(AdminTesting.settings(data, null));
        api = new StaffApi(server);
        admin = api.adminToken();
        agent = api.newAgent("dana", "Dana");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        assertThat(AdminTesting.fingerprint(AdminTesting.REPOSITORY_DATA))
                .as("the repository's training-data folder is never written by these tests").isEqualTo(repositoryBefore);
    }

    private static HttpResponse<String> post(String path, String body) {
        return api.post(path, admin, body);
    }

    private static HttpResponse<String> get(String path) {
        return api.get(path, admin);
    }

    private static String versionOf(HttpResponse<String> r) {
        return json(r).get("version").asText();
    }

    @Test
    void every_admin_endpoint_refuses_missing_expired_and_agent_tokens_and_changes_nothing() {
        String before = AdminTesting.fingerprint(data);
        String expired = server.context().getBean(TokenSigner.class).issue("a", StaffApi.ADMIN + ":0", Duration.ofSeconds(-1));
        List<String[]> calls = List.of(
                new String[]{"GET", "/api/admin/intents", null},
                new String[]{"GET", "/api/admin/intents/greet", null},
                new String[]{"POST", "/api/admin/intents", "{\"name\":\"x_y\",\"examples\":[\"a b\",\"c d\"]}"},
                new String[]{"PUT", "/api/admin/intents/greet", "{\"examples\":[\"a b\",\"c d\"]}"},
                new String[]{"POST", "/api/admin/intents/greet/examples", "{\"text\":\"hey there\"}"},
                new String[]{"DELETE", "/api/admin/intents/greet", null},
                new String[]{"GET", "/api/admin/faq", null},
                new String[]{"GET", "/api/admin/faq/shipping-times", null},
                new String[]{"GET", "/api/admin/faq/topics/shipping", null},
                new String[]{"POST", "/api/admin/faq", "{\"topic\":\"shipping\",\"question\":\"q?\",\"answer\":\"a\"}"},
                new String[]{"PUT", "/api/admin/faq/shipping-times", "{\"question\":\"q?\",\"answer\":\"a\"}"},
                new String[]{"DELETE", "/api/admin/faq/shipping-times", null},
                new String[]{"GET", "/api/admin/entities", null},
                new String[]{"GET", "/api/admin/entities/carrier", null},
                new String[]{"POST", "/api/admin/entities", "{\"name\":\"size\",\"values\":[\"small\"]}"},
                new String[]{"PUT", "/api/admin/entities/carrier", "{\"values\":[\"dhl\"]}"},
                new String[]{"DELETE", "/api/admin/entities/carrier", null},
                new String[]{"GET", "/api/admin/sentiment", null},
                new String[]{"GET", "/api/admin/sentiment/negative", null},
                new String[]{"PUT", "/api/admin/sentiment/negative", "{\"examples\":[\"bad\"]}"},
                new String[]{"POST", "/api/admin/sentiment/negative/examples", "{\"text\":\"awful\"}"},
                new String[]{"DELETE", "/api/admin/sentiment/negative/examples/0", null},
                new String[]{"POST", "/api/admin/train", "{}"},
                new String[]{"GET", "/api/admin/train", null},
                new String[]{"GET", "/api/admin/train/abc", null},
                new String[]{"GET", "/api/admin/models", null},
                new String[]{"GET", "/api/admin/models/20260101-000000-000", null},
                new String[]{"GET", "/api/admin/models/20260101-000000-000/report.html", null},
                new String[]{"POST", "/api/admin/models/20260101-000000-000/activate", "{}"},
                new String[]{"POST", "/api/admin/models/20260101-000000-000/evaluate", "{}"},
                new String[]{"GET", "/api/admin/inbox", null},
                new String[]{"POST", "/api/admin/inbox/dismiss", "{\"conversationId\":\"x\",\"seq\":1}"});
        for (String[] c : calls) {
            for (String token : new String[]{null, expired, agent}) {
                HttpResponse<String> r = api.send(c[0], c[1], token, c[2], Map.of("Origin", api.origin()));
                int expected = token == null || token.equals(expired) ? 401 : 403;
                assertThat(r.statusCode()).as("%s %s with %s", c[0], c[1], token == null ? "no token"
                        : token.equals(expired) ? "an expired token" : "an agent's token").isEqualTo(expected);
            }
            HttpResponse<String> crossSite = api.send(c[0], c[1], admin, c[2], Map.of("Origin", "https://evil.example"));
            if (!c[0].equals("GET")) {
                assertThat(crossSite.statusCode()).as("%s %s from another site", c[0], c[1]).isEqualTo(403);
            }
        }
        assertThat(AdminTesting.fingerprint(data)).as("no refused call changed the data").isEqualTo(before);
    }

    @Test
    void intents_are_listed_searched_and_read_with_their_entity_marks_and_version() {
        JsonNode all = json(get("/api/admin/intents"));
        assertThat(all.get("intents").size()).isGreaterThanOrEqualTo(20);
        assertThat(all.get("folders").toString()).contains("orders", "smalltalk");
        JsonNode found = json(get("/api/admin/intents?q=tracking%20link"));
        assertThat(found.get("intents")).hasSize(1);
        assertThat(found.at("/intents/0/name").asText()).isEqualTo("order_status");
        assertThat(found.at("/intents/0/match").asText()).isEqualTo("can i get a tracking link for my order");

        HttpResponse<String> r = get("/api/admin/intents/order_status");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode intent = json(r);
        assertThat(intent.get("file").asText()).isEqualTo("intents/orders/order_status.yml");
        assertThat(intent.get("handler").asText()).isEqualTo("order_status");
        assertThat(intent.get("examples").toString()).contains("where's my order [K7P2QX](order_id)");
        assertThat(r.headers().firstValue("ETag")).contains("\"" + intent.get("version").asText() + "\"");
        assertThat(intent.get("yaml").asText()).isEqualTo(read(data.resolve("intents/orders/order_status.yml")));
        assertThat(get("/api/admin/intents/no_such_intent").statusCode()).isEqualTo(404);
    }

    @Test
    void a_new_intent_is_validated_then_written_as_one_file_in_its_folder() {
        String body = Frames.JSON.createObjectNode().put("name", "gift_wrap").put("folder", "orders")
                .put("description", "Asks for gift wrapping").set("examples", Frames.JSON.valueToTree(List.of(
                        "can you gift wrap my order", "i want it wrapped as a present", "do you do gift wrapping",
                        "wrap order [K7P2QX](order_id) please", "is gift wrap available"))).toString();
        HttpResponse<String> dry = api.post("/api/admin/intents?dryRun=true", admin, body);
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry).get("saved").asBoolean()).isFalse();
        assertThat(data.resolve("intents/orders/gift_wrap.yml")).doesNotExist();

        HttpResponse<String> r = post("/api/admin/intents", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("saved").asBoolean()).isTrue();
        assertThat(read(data.resolve("intents/orders/gift_wrap.yml"))).isEqualTo("""
                version: 1
                intent: gift_wrap
                description: Asks for gift wrapping
                examples:
                  - can you gift wrap my order
                  - i want it wrapped as a present
                  - do you do gift wrapping
                  - wrap order [K7P2QX](order_id) please
                  - is gift wrap available
                """);
        assertThat(post("/api/admin/intents", body).statusCode()).as("the same name twice").isEqualTo(409);
        assertThat(json(get("/api/admin/intents/gift_wrap")).get("examples")).hasSize(5);
    }

    @Test
    void an_invalid_intent_is_refused_with_every_problem_and_its_file_and_line_and_nothing_is_written() {
        String before = AdminTesting.fingerprint(data);
        String body = Frames.JSON.createObjectNode().put("name", "broken_one").put("folder", "other")
                .put("handler", "no_such_handler").set("examples", Frames.JSON.valueToTree(List.of(
                        "where is [my order(order_id)", "thanks"))).toString();
        HttpResponse<String> r = post("/api/admin/intents", body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode refusal = json(r);
        assertThat(refusal.get("error").asText()).isEqualTo("invalid_data");
        List<String> problems = refusal.get("problems").findValuesAsText("text");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("intents/other/broken_one.yml:5: error: malformed entity mark"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("unknown handler 'no_such_handler'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("intents/other/broken_one.yml:2: error: intent 'broken_one' has 1 example"));
        assertThat(problems).anySatisfy(p -> assertThat(p).matches("intents/smalltalk/thanks.yml:\\d+: error: example 'thanks' is in intent 'thanks' and in intent 'broken_one' \\(intents/other/broken_one.yml:6\\)"));
        assertThat(refusal.get("problems").findValuesAsText("path")).as("the field of the edited file").contains("examples[0]");
        assertThat(AdminTesting.fingerprint(data)).isEqualTo(before);
    }

    @Test
    void editing_an_intent_keeps_its_comments_and_the_order_of_untouched_examples() {
        Path file = data.resolve("intents/smalltalk/thanks.yml");
        AdminTesting.write(file, COMMENTED_INTENT);
        JsonNode intent = json(get("/api/admin/intents/thanks"));
        var edited = intent.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited).put("description", "The customer thanks the bot");
        var examples = (com.fasterxml.jackson.databind.node.ArrayNode) edited.get("examples");
        examples.remove(3);
        examples.insert(1, "thanks so much for the help");
        var body = Frames.JSON.createObjectNode();
        body.set("description", edited.get("description"));
        body.set("examples", examples);
        body.set("replies", edited.get("replies"));
        body.put("version", intent.get("version").asText());
        HttpResponse<String> r = put(api, "/api/admin/intents/thanks", admin, body.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(read(file)).isEqualTo("""
                version: 1
                intent: thanks
                # kept short: the bot answers with a fixed reply
                description: The customer thanks the bot   # for people, not the model
                examples:
                  - thanks
                  - thanks so much for the help
                  - thank you
                  # the polite ones
                  - 'thanks a lot: that helped'
                  - many thanks
                  - thank you so much
                replies: ["You're welcome!"]
                """);
        assertThat(r.headers().firstValue("ETag")).contains("\"" + TrainingDataFolder.version(read(file)) + "\"");
    }

    @Test
    void a_write_based_on_an_old_version_is_refused_with_409() {
        JsonNode intent = json(get("/api/admin/intents/goodbye"));
        String v1 = intent.get("version").asText();
        HttpResponse<String> first = api.post("/api/admin/intents/goodbye/examples", admin,
                "{\"text\":\"talk to you later then\",\"version\":\"" + v1 + "\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String afterFirst = read(data.resolve("intents/smalltalk/goodbye.yml"));
        var body = Frames.JSON.createObjectNode();
        body.set("examples", intent.get("examples"));
        HttpResponse<String> stale = put(api, "/api/admin/intents/goodbye", admin, body.toString(), v1);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("error").asText()).isEqualTo("stale");
        assertThat(delete(api, "/api/admin/intents/goodbye", admin, v1).statusCode()).isEqualTo(409);
        assertThat(read(data.resolve("intents/smalltalk/goodbye.yml"))).isEqualTo(afterFirst).contains("talk to you later then");
    }

    @Test
    void paths_outside_the_folder_and_names_that_are_not_snake_case_are_refused() {
        String before = AdminTesting.fingerprint(data.getParent());
        String examples = "\"examples\":[\"one two three\",\"four five six\"]";
        for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "..", "Order_Status", "order-status", "a%00b", "%2Ftmp%2Fx")) {
            HttpResponse<String> r = api.get("/api/admin/intents/" + name, admin);
            assertThat(r.statusCode()).as("GET %s", name).isIn(400, 404);
            assertThat(put(api, "/api/admin/intents/" + name, admin, "{" + examples + "}", null).statusCode())
                    .as("PUT %s", name).isIn(400, 404);
        }
        for (String folder : List.of("../../outside", "orders/../../x", "/tmp", "Orders", "a/b/c/d/e/f", "orders\\\\x")) {
            HttpResponse<String> r = post("/api/admin/intents",
                    "{\"name\":\"sneaky\",\"folder\":\"" + folder + "\"," + examples + "}");
            assertThat(r.statusCode()).as("folder %s: %s", folder, r.body()).isEqualTo(400);
        }
        assertThat(post("/api/admin/faq", "{\"topic\":\"../x\",\"question\":\"q?\",\"answer\":\"a\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/admin/entities", "{\"name\":\"../x\",\"values\":[\"a\"]}").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/sentiment/..%2F..%2Fx", admin).statusCode()).isEqualTo(400);
        assertThat(AdminTesting.fingerprint(data.getParent())).isEqualTo(before);
    }

    @Test
    void a_yaml_bomb_is_refused_and_yaml_looking_text_in_json_stays_text() {
        String file = read(data.resolve("sentiment/positive.yml"));
        StringBuilder bomb = new StringBuilder("version: 1\nlabel: positive\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("examples: *l9\n");
        HttpResponse<String> r = putYaml(server, api, "/api/admin/sentiment/positive", admin, bomb.toString(), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).isEqualTo("invalid_yaml");
        assertThat(json(r).get("message").asText()).contains("aliases");
        assertThat(read(data.resolve("sentiment/positive.yml"))).isEqualTo(file);

        String trick = "&a [*a, *a] !!python/object:os.system {x: 1} # not a comment";
        HttpResponse<String> added = api.post("/api/admin/sentiment/positive/examples", admin,
                Frames.JSON.createObjectNode().put("text", trick).toString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).get("examples").get(json(added).get("examples").size() - 1).asText()).isEqualTo(trick);
        assertThat(read(data.resolve("sentiment/positive.yml"))).startsWith(file).endsWith("  - '" + trick + "'\n");
    }

    @Test
    void an_oversized_body_is_refused() {
        String huge = "{\"text\":\"" + "a".repeat(600_000) + "\"}";
        HttpResponse<String> r = api.post("/api/admin/sentiment/neutral/examples", admin, huge);
        assertThat(r.statusCode()).isEqualTo(413);
        HttpResponse<String> long1 = api.post("/api/admin/sentiment/neutral/examples", admin,
                "{\"text\":\"" + "b".repeat(6_000) + "\"}");
        assertThat(long1.statusCode()).isEqualTo(400);
        assertThat(json(long1).get("message").asText()).contains("longer than 5000");
    }

    @Test
    void faq_entries_are_added_edited_moved_and_deleted_in_their_topic_files_keeping_the_others() {
        Path shipping = data.resolve("faq/shipping.yml");
        String original = read(shipping);
        HttpResponse<String> created = post("/api/admin/faq", """
                {"topic":"shipping","question":"Can I pick up my order at the warehouse?",
                 "alternatives":["click and collect","collect in person"],
                 "answer":"Yes: choose 'Pick up' at checkout and bring the confirmation e-mail.","tags":["shipping"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode entry = json(created);
        assertThat(entry.get("id").asText()).isEqualTo("can-i-pick-up-my-order-at-the-warehouse");
        String afterAdd = read(shipping);
        assertThat(afterAdd).startsWith(original).endsWith("""
                  - id: can-i-pick-up-my-order-at-the-warehouse
                    question: Can I pick up my order at the warehouse?
                    alternatives:
                      - click and collect
                      - collect in person
                    answer: 'Yes: choose ''Pick up'' at checkout and bring the confirmation e-mail.'
                    tags: [shipping]
                """);

        HttpResponse<String> edited = put(api, "/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse", admin, """
                {"question":"Can I pick up my order at the warehouse?","alternatives":["click and collect","collect in person"],
                 "answer":"Yes, from Monday to Friday at the Leeds depot.","tags":["shipping"]}""", entry.get("version").asText());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(read(shipping)).isEqualTo(afterAdd.replace(
                "answer: 'Yes: choose ''Pick up'' at checkout and bring the confirmation e-mail.'", "answer: Yes, from Monday to Friday at the Leeds depot."));
        assertThat(put(api, "/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse", admin,
                "{\"id\":\"renamed\",\"question\":\"q?\",\"answer\":\"a\"}", null).statusCode()).as("ids are stable").isEqualTo(400);

        HttpResponse<String> moved = put(api, "/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse", admin, """
                {"topic":"pickup","question":"Can I pick up my order at the warehouse?","answer":"Yes, from Monday to Friday at the Leeds depot."}""", null);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).get("file").asText()).isEqualTo("faq/pickup.yml");
        assertThat(read(shipping)).isEqualTo(original);
        assertThat(read(data.resolve("faq/pickup.yml"))).startsWith("version: 1\ntopic: pickup\nentries:\n  - id: can-i-pick-up");

        assertThat(json(get("/api/admin/faq?q=leeds")).get("entries")).hasSize(1);
        assertThat(json(get("/api/admin/faq?topic=pickup")).get("entries")).hasSize(1);
        String pickupVersion = json(get("/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse")).get("version").asText();
        assertThat(delete(api, "/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse", admin, pickupVersion).statusCode()).isEqualTo(204);
        assertThat(get("/api/admin/faq/can-i-pick-up-my-order-at-the-warehouse").statusCode()).isEqualTo(404);
    }

    @Test
    void a_faq_answer_can_be_dry_run_checked_and_a_duplicate_id_is_refused() {
        assertThat(post("/api/admin/faq", "{\"id\":\"shipping-times\",\"topic\":\"orders\",\"question\":\"q?\",\"answer\":\"a\"}")
                .statusCode()).isEqualTo(409);
        HttpResponse<String> missing = post("/api/admin/faq", "{\"topic\":\"orders\",\"question\":\"What?\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).isEqualTo("missing_field");
    }

    @Test
    void entities_are_created_changed_with_their_synonyms_and_a_bad_pattern_is_refused_at_its_line() {
        HttpResponse<String> created = post("/api/admin/entities", """
                {"name":"size","description":"Clothing sizes","values":[{"value":"small","synonyms":["s","sm"]},"medium",
                 {"value":"large","synonyms":[]}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(read(data.resolve("entities/size.yml"))).isEqualTo("""
                version: 1
                entity: size
                description: Clothing sizes
                values:
                  - value: small
                    synonyms: [s, sm]
                  - medium
                  - large
                """);
        HttpResponse<String> bad = put(api, "/api/admin/entities/size", admin,
                "{\"patterns\":[\"\\\\b(xs|xl\\\\b\"],\"values\":[\"small\"]}", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("problems").findValuesAsText("text"))
                .anySatisfy(p -> assertThat(p).startsWith("entities/size.yml:4: error: invalid regular expression"));
        JsonNode listed = json(get("/api/admin/entities?q=sm"));
        assertThat(listed.get("entities").findValuesAsText("name")).containsExactly("size");
        assertThat(listed.get("builtIn").toString()).contains("email", "order_id");
        assertThat(delete(api, "/api/admin/entities/size", admin, null).statusCode()).isEqualTo(204);
        assertThat(data.resolve("entities/size.yml")).doesNotExist();
    }

    @Test
    void sentiment_examples_are_added_removed_by_position_and_a_label_conflict_is_refused() {
        JsonNode negative = json(get("/api/admin/sentiment/negative"));
        int count = negative.get("examples").size();
        HttpResponse<String> conflict = api.post("/api/admin/sentiment/positive/examples", admin,
                "{\"text\":\"" + negative.get("examples").get(0).asText() + "\"}");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(json(conflict).get("problems").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m).contains("labelled 'positive' here and 'negative'"));

        HttpResponse<String> added = api.post("/api/admin/sentiment/negative/examples", admin,
                "{\"text\":\"my parcel came soaked and broken\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        String version = versionOf(added);
        HttpResponse<String> removed = delete(api, "/api/admin/sentiment/negative/examples/" + count, admin, version);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(json(removed).get("examples")).hasSize(count);
        assertThat(delete(api, "/api/admin/sentiment/negative/examples/0", admin, version).statusCode())
                .as("the position was read from an older version").isEqualTo(409);
        assertThat(json(get("/api/admin/sentiment?q=soaked")).at("/labels/0/examples")).isEmpty();
        assertThat(api.get("/api/admin/sentiment/angry", admin).statusCode()).isEqualTo(400);
    }

    @Test
    void a_whole_file_can_be_replaced_as_yaml_and_is_validated_first() {
        Path file = data.resolve("intents/smalltalk/affirm.yml");
        String original = read(file);
        HttpResponse<String> wrongName = putYaml(server, api, "/api/admin/intents/affirm", admin,
                original.replace("intent: affirm", "intent: agree"), null);
        assertThat(wrongName.statusCode()).isEqualTo(400);
        assertThat(json(wrongName).get("problems").findValuesAsText("text"))
                .anySatisfy(p -> assertThat(p).startsWith("intents/smalltalk/affirm.yml:2: error: intent name 'agree' does not match"));
        assertThat(read(file)).isEqualTo(original);
        String commented = "# affirmations\n" + original;
        HttpResponse<String> ok = putYaml(server, api, "/api/admin/intents/affirm", admin, commented,
                TrainingDataFolder.version(original));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(read(file)).isEqualTo(commented);
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void messages_the_bot_did_not_understand_wait_in_the_inbox_until_an_admin_deals_with_them() {
        String text = "can you recommend a good pizza place in rome";
        TestServer.WidgetSession session = server.newSession();
        try (ChatClient chat = server.connect(session)) {
            chat.awaitType("state");
            long seq = chat.say("inbox-1", text);
            chat.await(f -> f.path("type").asText().equals("message") && f.path("seq").asLong() > seq);
        }
        JsonNode item = null;
        for (int i = 0; i < 40 && item == null; i++) {
            for (JsonNode m : json(get("/api/admin/inbox")).get("messages")) {
                if (m.get("text").asText().equals(text)) {
                    item = m;
                }
            }
            sleepBriefly();
        }
        assertThat(item).as("the message is in the inbox").isNotNull();
        assertThat(item.get("conversationId").asText()).isEqualTo(session.conversationId());
        assertThat(item.get("reason").asText()).isIn("out_of_scope", "fallback");
        assertThat(item.get("model").asText()).isNotBlank();
        assertThat(item.get("suggestions").isArray()).isTrue();

        String dismiss = "{\"conversationId\":\"" + session.conversationId() + "\",\"seq\":" + item.get("seq").asLong()
                + ",\"action\":\"example:out_of_scope\"}";
        assertThat(api.post("/api/admin/inbox/dismiss", admin, dismiss).statusCode()).isEqualTo(204);
        assertThat(json(get("/api/admin/inbox")).get("messages").findValuesAsText("text")).doesNotContain(text);
        assertThat(api.post("/api/admin/inbox/dismiss", admin, dismiss.replace("example:out_of_scope", "rm -rf"))
                .statusCode()).isEqualTo(400);
        assertThat(api.post("/api/admin/inbox/dismiss", admin,
                "{\"conversationId\":\"no-such-conversation\",\"seq\":1}").statusCode()).isEqualTo(404);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
