package dev.chatbot.connectors.dialogue;

import dev.chatbot.connectors.llm.FakeOllamaServer;
import dev.chatbot.connectors.storage.JdbcConversationStore;
import dev.chatbot.connectors.testing.TestServer;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.testkit.ConversationKit;
import dev.chatbot.core.testkit.ConversationScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every conversation test in {@code training-data/tests/conversations/} through the real pipeline: the
 * default bot trained from {@code training-data/}, the dialogue engine, the embedded demo CRM on H2 and, per script,
 * no LLM, an LLM that answers (an in-test server speaking Ollama's API), an LLM that is down, or one that hangs.
 */
class ConversationScriptsIT {

    private static final Path FOLDER = Path.of("..", "training-data", "tests", "conversations");
    /** What the in-test model says to any question: nothing the guardrails would block. */
    static final String LLM_ANSWER = "Happy to help with that. Our customer service team can give you the details.";

    enum Llm { DISABLED, ANSWERS, DOWN, SLOW }

    private static final Map<Llm, TestServer> SERVERS = new EnumMap<>(Llm.class);
    private static FakeOllamaServer answering;
    private static FakeOllamaServer hanging;

    @TestFactory
    Stream<DynamicTest> every_yaml_conversation_passes() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(FOLDER)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).as("conversation tests in " + FOLDER.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(25);
        return files.stream().map(file -> {
            ConversationScript script = ConversationScript.load(file);
            return DynamicTest.dynamicTest(file.getFileName() + ": " + script.name(), () -> script.play(kit(script.llm())));
        });
    }

    private static ConversationKit kit(String llm) {
        TestServer server = SERVERS.computeIfAbsent(Llm.valueOf(llm.toUpperCase(java.util.Locale.ROOT)), ConversationScriptsIT::start);
        return new ConversationKit(server.context().getBean(JdbcConversationStore.class),
                server.context().getBean(DialogueEngine.class));
    }

    private static TestServer start(Llm llm) {
        Map<String, Object> props = new HashMap<>();
        switch (llm) {
            case DISABLED -> props.put("chatbot.llm.enabled", false);
            case ANSWERS -> {
                answering = FakeOllamaServer.start().otherwise(request -> FakeOllamaServer.Script.words(LLM_ANSWER));
                props.putAll(llmAt(answering.baseUrl()));
            }
            case DOWN -> props.putAll(llmAt("http://127.0.0.1:9"));
            case SLOW -> {
                hanging = FakeOllamaServer.start().otherwise(request -> FakeOllamaServer.Script.hang());
                props.putAll(llmAt(hanging.baseUrl()));
                props.put("chatbot.llm.first-token-timeout", Duration.ofSeconds(1).toString());
            }
        }
        return TestServer.start(props);
    }

    private static Map<String, Object> llmAt(String url) {
        return Map.of("chatbot.llm.enabled", true, "chatbot.llm.base-url", url, "chatbot.llm.model", FakeOllamaServer.MODEL);
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::close);
        if (answering != null) {
            answering.close();
        }
        if (hanging != null) {
            hanging.close();
        }
    }
}
