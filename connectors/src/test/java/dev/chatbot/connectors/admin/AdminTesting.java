package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatbot.connectors.agent.StaffApi;
import dev.chatbot.connectors.testing.TestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the admin API tests stand on: a temporary copy of the default bot's training data for each server (tests never
 * touch the repository's {@code training-data/}), a fingerprint of a folder to prove that, and calls with the
 * methods the staff helper lacks.
 */
public final class AdminTesting {

    static final Path REPOSITORY_DATA = Path.of("..", "training-data").toAbsolutePath().normalize();
    private static final List<String> COPIED = List.of("intents", "entities", "sentiment", "faq", "test-set", "tests");

    private AdminTesting() {
    }

    /** A fresh copy of the default bot's data (the YAML folders, with its test set) in a temporary folder. */
    public static Path copyOfDefaultBot() {
        try {
            Path target = Files.createTempDirectory("chatbot-admin-data-").resolve("training-data");
            for (String part : COPIED) {
                Path from = REPOSITORY_DATA.resolve(part);
                if (!Files.isDirectory(from)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.filter(Files::isRegularFile).toList()) {
                        Path to = target.resolve(REPOSITORY_DATA.relativize(p).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Server settings: staff accounts as in the agent tests, and the data copy. {@code models} null shares the test
     * run's trained default bot (for tests that never train or activate).
     */
    public static Map<String, Object> settings(Path data, Path models) {
        Map<String, Object> s = new LinkedHashMap<>(StaffApi.settings());
        s.put("chatbot.data-dir", data.toString());
        if (models != null) {
            s.put("chatbot.nlu.models-dir", models.toString());
        }
        return s;
    }

    /** A models folder that starts with the shared default bot's active version when there is one (saves a training). */
    static Path ownModelsFolder() {
        try {
            Path models = Files.createTempDirectory("chatbot-admin-models-");
            Path shared = Path.of("target", "test-models").toAbsolutePath();
            Path active = shared.resolve("ACTIVE");
            if (Files.isRegularFile(active)) {
                String version = Files.readString(active).strip();
                Path from = shared.resolve(version);
                if (Files.isDirectory(from)) {
                    try (Stream<Path> walk = Files.walk(from)) {
                        for (Path p : walk.toList()) {
                            Path to = models.resolve(shared.relativize(p).toString());
                            if (Files.isDirectory(p)) {
                                Files.createDirectories(to);
                            } else {
                                Files.copy(p, to);
                            }
                        }
                    }
                    Files.writeString(models.resolve("ACTIVE"), version + "\n");
                }
            }
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over every file's path and bytes under a folder (for the repository's: its YAML folders only). */
    public static String fingerprint(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString();
                if (dir.equals(REPOSITORY_DATA) && COPIED.stream().noneMatch(part -> rel.startsWith(part + "/"))) {
                    continue;
                }
                md.update(rel.getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> put(StaffApi api, String path, String token, String body, String ifMatch) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", api.origin());
        if (ifMatch != null) {
            headers.put("If-Match", "\"" + ifMatch + "\"");
        }
        return api.send("PUT", path, token, body, headers);
    }

    static HttpResponse<String> putYaml(TestServer server, StaffApi api, String path, String token, String yaml, String ifMatch) {
        var b = java.net.http.HttpRequest.newBuilder(server.http(path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(yaml))
                .header("Content-Type", "application/yaml").header("Origin", api.origin())
                .header("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        return server.send(b.build());
    }

    static HttpResponse<String> delete(StaffApi api, String path, String token, String ifMatch) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Origin", api.origin());
        if (ifMatch != null) {
            headers.put("If-Match", "\"" + ifMatch + "\"");
        }
        return api.send("DELETE", path, token, null, headers);
    }

    static JsonNode json(HttpResponse<String> r) {
        return StaffApi.json(r);
    }
}
