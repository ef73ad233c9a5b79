package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.chatbot.connectors.admin.AdminTesting.json;
import static dev.chatbot.connectors.admin.AdminTesting.putYaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile admin uploads against the real server: YAML bombs of every kind sent as whole files to every part of the
 * training data, path traversal in every name parameter, and symbolic links planted inside the data folder. Each is
 * refused with a clear 4xx, nothing is written, nothing outside the folder is read, and the server keeps serving.
 * ({@link AdminDataApiIT} covers the first alias bomb and the simple traversals; this extends them.)
 */
class AdminHostileUploadsIT {

    private static TestServer server;
    private static StaffApi api;
    private static Path data;
    private static Path outside;
    private static String admin;

    @BeforeAll
    static void start() throws IOException {
        data = AdminTesting.copyOfDefaultBot();
        outside = Files.createTempDirectory("chatbot-outside-");
        Files.writeString(outside.resolve("secret.yml"),
                "version: 1\nintent: secret\nexamples:\n  - the vault code is hunter2-outside\n  - second example here\n");
        server = TestServer.start(AdminTesting.settings(data, null));
        api = new StaffApi(server);
        admin = api.adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Whole-file bodies that must each be refused, by name. */
    private static Map<String, String> bombs(String head) {
        Map<String, String> b = new LinkedHashMap<>();
        StringBuilder laughs = new StringBuilder(head + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 12; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                laughs.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            laughs.append("]\n");
        }
        b.put("billion laughs", laughs.toString());
        b.put("deep flow nesting", head + "examples: " + "[".repeat(5000) + "x" + "]".repeat(5000) + "\n");
        StringBuilder deepBlock = new StringBuilder(head + "examples:\n");
        for (int i = 1; i < 200; i++) {
            deepBlock.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        b.put("deep block nesting", deepBlock.toString());
        b.put("huge scalar", head + "examples:\n  - " + "z".repeat(900_000) + "\n");
        StringBuilder keys = new StringBuilder(head);
        for (int i = 0; i < 5000; i++) {
            keys.append("key_").append(i).append(": v\n");
        }
        b.put("thousands of keys", keys.toString());
        b.put("unknown field", head + "examples:\n  - one example\n  - two examples\nrun_as_root: true\n");
        b.put("custom tag", head + "examples:\n  - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        b.put("unclosed quote", head + "examples:\n  - \"never closed\n  - second\n");
        b.put("tab indentation", head + "examples:\n\t- tabbed\n");
        b.put("recursive key", head + "&k [*k]: v\nexamples: [a, b]\n");
        b.put("not yaml at all", "\u0000\u0001\u0002 binary");
        return b;
    }

    @Test
    void yaml_bombs_unknown_fields_and_broken_yaml_are_refused_for_every_part_and_nothing_is_written() {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("/api/admin/intents/greet", "version: 1\nintent: greet\n");
        targets.put("/api/admin/faq/topics/shipping", "version: 1\ntopic: shipping\n");
        targets.put("/api/admin/entities/color", "version: 1\nentity: color\n");
        targets.put("/api/admin/sentiment/negative", "version: 1\nlabel: negative\n");
        String before = AdminTesting.fingerprint(data);
        int refused = 0;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            for (Map.Entry<String, String> bomb : bombs(target.getValue()).entrySet()) {
                long start = System.nanoTime();
                HttpResponse<String> r = putYaml(server, api, target.getKey(), admin, bomb.getValue(), null);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String what = bomb.getKey() + " to " + target.getKey();
                assertThat(r.statusCode()).as("%s: %s", what, abbreviate(r.body())).isBetween(400, 428);
                assertThat(json(r).has("error")).as(what).isTrue();
                assertThat(took).as("%s answered promptly", what).isLessThan(Duration.ofSeconds(10));
                refused++;
            }
        }
        assertThat(refused).isEqualTo(44);
        assertThat(AdminTesting.fingerprint(data)).as("nothing was written").isEqualTo(before);
        assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void syntax_errors_name_the_file_and_line() {
        HttpResponse<String> r = putYaml(server, api, "/api/admin/intents/greet", admin,
                "version: 1\nintent: greet\nexamples:\n  - \"never closed\n  - second\n", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).as(r.body()).containsPattern("greet\\.yml.*line|line \\d+|:\\d+");
        HttpResponse<String> unknown = putYaml(server, api, "/api/admin/intents/greet", admin,
                "version: 1\nintent: greet\nexamples:\n  - hello there\n  - hi there\nrun_as_root: true\n", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).as(unknown.body()).contains("run_as_root").containsPattern("greet\\.yml:6");
    }

    @Test
    void traversal_in_every_name_parameter_is_refused_and_nothing_outside_is_read_or_written() {
        String before = AdminTesting.fingerprint(data.getParent());
        String outsideBefore = AdminTesting.fingerprint(outside);
        List<String> names = List.of("%2e%2e%2f%2e%2e%2fsecret", "%252e%252e%252fsecret", "..%5C..%5Csecret",
                "%2Fetc%2Fpasswd", "%2F" + outside.toString().substring(1).replace("/", "%2F") + "%2Fsecret",
                "greet%00.yml", "....%2F%2Fsecret", "%c0%ae%c0%ae%2fsecret", "%2e%2e", "greet.yml", "GREET", "greet%20");
        List<String> collections = List.of("/api/admin/intents/", "/api/admin/faq/topics/", "/api/admin/entities/",
                "/api/admin/sentiment/", "/api/admin/faq/", "/api/admin/models/", "/api/admin/train/");
        String body = "version: 1\nintent: secret\nexamples:\n  - one two three\n  - four five six\n";
        for (String collection : collections) {
            for (String name : names) {
                String path = collection + name;
                HttpResponse<String> get = api.get(path, admin);
                assertThat(get.statusCode()).as("GET %s", path).isBetween(400, 499);
                assertThat(get.body()).as("GET %s", path).doesNotContain("hunter2", "root:x:0");
                if (!collection.contains("models") && !collection.contains("train")) {
                    HttpResponse<String> put = putYaml(server, api, path, admin, body, null);
                    assertThat(put.statusCode()).as("PUT %s", path).isBetween(400, 499);
                    HttpResponse<String> del = AdminTesting.delete(api, path, admin, "0");
                    assertThat(del.statusCode()).as("DELETE %s", path).isBetween(400, 499);
                }
            }
        }
        for (String report : List.of("report.json", "report.html")) {
            for (String name : names) {
                HttpResponse<String> r = api.get("/api/admin/models/" + name + "/" + report, admin);
                assertThat(r.statusCode()).as("report %s", name).isBetween(400, 499);
            }
        }
        assertThat(AdminTesting.fingerprint(data.getParent())).isEqualTo(before);
        assertThat(AdminTesting.fingerprint(outside)).isEqualTo(outsideBefore);
    }

    @Test
    void symbolic_links_planted_in_the_data_folder_are_never_followed() throws IOException {
        Path linkFile = data.resolve("intents/smalltalk/secret.yml");
        Path linkDir = data.resolve("intents/elsewhere");
        Files.createSymbolicLink(linkFile, outside.resolve("secret.yml"));
        Files.createSymbolicLink(linkDir, outside);
        String outsideBefore = AdminTesting.fingerprint(outside);
        try {
            HttpResponse<String> list = api.get("/api/admin/intents", admin);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).doesNotContain("hunter2");
            HttpResponse<String> read = api.get("/api/admin/intents/secret", admin);
            assertThat(read.statusCode()).isBetween(400, 499);
            assertThat(read.body()).doesNotContain("hunter2");
            HttpResponse<String> overwrite = putYaml(server, api, "/api/admin/intents/secret", admin,
                    "version: 1\nintent: secret\nexamples:\n  - overwritten one\n  - overwritten two\n", null);
            assertThat(overwrite.statusCode()).isBetween(400, 499);
            HttpResponse<String> create = api.post("/api/admin/intents", admin,
                    "{\"name\":\"planted\",\"folder\":\"elsewhere\",\"examples\":[\"one two three\",\"four five six\"]}");
            assertThat(create.statusCode()).as(create.body()).isBetween(400, 499);
            HttpResponse<String> delete = AdminTesting.delete(api, "/api/admin/intents/secret", admin, "0");
            assertThat(delete.statusCode()).isBetween(400, 499);
            assertThat(Files.exists(outside.resolve("planted.yml"))).isFalse();
            assertThat(AdminTesting.fingerprint(outside)).as("nothing outside written or deleted").isEqualTo(outsideBefore);
            assertThat(Files.isSymbolicLink(linkFile)).isTrue();
        } finally {
            Files.deleteIfExists(linkFile);
            Files.deleteIfExists(linkDir);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
