package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.TrainingDataValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingDataFolderTest {

    @TempDir
    Path tmp;

    private TrainingDataFolder folder() throws IOException {
        Path root = tmp.resolve("data");
        Files.createDirectories(root.resolve("intents/smalltalk"));
        Files.writeString(root.resolve("intents/smalltalk/greet.yml"),
                "version: 1\nintent: greet\nexamples:\n  - hi\n  - hello\n  - hey\n  - good morning\n  - hi there\n");
        return new TrainingDataFolder(root, TrainingDataValidator.Options.DEFAULT);
    }

    @Test
    void refuses_paths_that_leave_the_folder_or_are_not_plain_yaml_names() throws IOException {
        TrainingDataFolder f = folder();
        for (String bad : List.of("../x.yml", "intents/../../x.yml", "/etc/passwd", "intents/a/../../../x.yml",
                "secrets/x.yml", "intents/.hidden.yml", "intents/Greet.yml", "intents/x.txt", "intents", "intents\\x.yml",
                "intents/a b.yml", "intents//x.yml")) {
            assertThatThrownBy(() -> f.resolve(bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessageContaining("Refused path");
        }
        assertThat(f.resolve("intents/orders/new_one.yml").startsWith(f.root())).isTrue();
    }

    @Test
    void refuses_to_write_through_a_symbolic_link_that_points_outside() throws IOException {
        TrainingDataFolder f = folder();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(f.root().resolve("intents/escape"), outside);
        assertThatThrownBy(() -> f.write("intents/escape/x.yml", "version: 1\n")).isInstanceOf(ApiException.class);
        Files.createSymbolicLink(f.root().resolve("intents/link.yml"), outside.resolve("target.yml"));
        assertThatThrownBy(() -> f.write("intents/link.yml", "version: 1\n")).isInstanceOf(ApiException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void writes_atomically_and_the_version_follows_the_bytes() throws IOException {
        TrainingDataFolder f = folder();
        String before = f.read("intents/smalltalk/greet.yml").version();
        f.write("intents/smalltalk/greet.yml", "version: 1\nintent: greet\nexamples: [hi, hello]\n");
        TrainingDataFolder.FileText after = f.read("intents/smalltalk/greet.yml");
        assertThat(after.version()).isNotEqualTo(before).isEqualTo(TrainingDataFolder.version(after.text()));
        try (var files = Files.list(f.root().resolve("intents/smalltalk"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("greet.yml");
        }
    }

    @Test
    void a_change_set_is_checked_on_a_copy_and_the_folder_is_left_alone() throws IOException {
        TrainingDataFolder f = folder();
        String original = f.read("intents/smalltalk/greet.yml").text();
        Map<String, String> changes = new HashMap<>();
        changes.put("intents/smalltalk/bye.yml", "version: 1\nintent: bye\nexamples:\n  - hi\n  - see you\n");
        LoadResult r = f.check(changes, tmp.resolve("scratch"));
        assertThat(r.errors()).singleElement().satisfies(p ->
                assertThat(p.toString()).startsWith("intents/smalltalk/").contains("example 'hi' is in intent"));
        assertThat(f.exists("intents/smalltalk/bye.yml")).isFalse();
        assertThat(f.read("intents/smalltalk/greet.yml").text()).isEqualTo(original);
        assertThat(tmp.resolve("scratch")).isEmptyDirectory();
    }
}
