package dev.chatbot.connectors.dialogue;

import dev.chatbot.connectors.crm.DemoCrmData;
import dev.chatbot.connectors.crm.FakeCrmServer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every conversation test in {@code training-data/tests/conversations/} through the real pipeline: the
 * default bot trained from {@code training-data/}, the dialogue engine and, per script, no LLM, an LLM that answers (an
 * in-test server speaking Ollama's API), an LLM that is down, or one that hangs. Every script runs twice: against the
 * embedded demo CRM on H2, and against the HTTP CRM talking to an in-test CRM server with the same demo data.
 */
class ConversationScriptsIT {

    private static final Path FOLDER = Path.of("..", "training-data", "tests", "conversations");
    /** What the in-test model says to any question: nothing the guardrails would block. */
    static final String LLM_ANSWER = "Happy to help with that. Our customer service team can give you the details.";

    enum Llm { DISABLED, ANSWERS, DOWN, SLOW }

    enum Crm { EMBEDDED, HTTP }

    private static final Map<String, TestServer> SERVERS = new HashMap<>();
    private static FakeOllamaServer answering;
    private static FakeOllamaServer hanging;
    private static FakeCrmServer crm;

    @TestFactory
    Stream<DynamicTest> every_yaml_conversation_passes() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(FOLDER)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).as("conversation tests in " + FOLDER.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(25);
        return Stream.of(Crm.values()).flatMap(c -> files.stream().map(file -> {
            ConversationScript script = ConversationScript.load(file);
            Llm llm = Llm.valueOf(script.llm().toUpperCase(java.util.Locale.ROOT));
            return DynamicTest.dynamicTest(c.name().toLowerCase(java.util.Locale.ROOT) + " CRM, " + file.getFileName()
                    + ": " + script.name(), () -> script.play(kit(llm, c)));
        }));
    }

    private static ConversationKit kit(Llm llm, Crm c) {
        TestServer server = SERVERS.computeIfAbsent(llm + "/" + c, k -> start(llm, c));
        return new ConversationKit(server.context().getBean(JdbcConversationStore.class),
                server.context().getBean(DialogueEngine.class));
    }

    private static TestServer start(Llm llm, Crm c) {
        Map<String, Object> props = new HashMap<>();
        if (c == Crm.HTTP) {
            if (crm == null) {
                crm = FakeCrmServer.start(DemoCrmData.forDay(java.time.LocalDate.now(java.time.ZoneOffset.UTC)), "/crm",
                        java.util.Optional.of("test-crm-token"));
            }
            props.put("chatbot.crm.base-url", crm.baseUrl().toString());
            props.put("chatbot.crm.token", "test-crm-token");
        }
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
        if (crm != null) {
            crm.close();
        }
    }
}
