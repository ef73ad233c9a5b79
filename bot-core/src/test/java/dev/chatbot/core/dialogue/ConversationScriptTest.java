package dev.chatbot.core.dialogue;

import dev.chatbot.core.handler.Handlers;
import dev.chatbot.core.llm.DisabledFallbackGenerator;
import dev.chatbot.core.policy.Policies;
import dev.chatbot.core.testkit.ConversationKit;
import dev.chatbot.core.testkit.ConversationScript;
import dev.chatbot.core.testkit.InMemoryConversationStore;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationScriptTest {

    private static Path script(String name) throws Exception {
        return Path.of(ConversationScriptTest.class.getResource("/scripts/" + name).toURI());
    }

    private static ConversationKit kit(ScriptedNlu nlu) {
        TrainingData data = new TrainingData(Optional.empty(), List.of(new IntentDefinition("order_status", "",
                List.of(IntentExample.of("where is my order")), List.of(), Optional.of("order_status"), false,
                SourceRef.MEMORY)), List.of(), List.of(), List.of(), List.of());
        BotModel model = new BotModel("t", nlu, data);
        return new ConversationKit(new InMemoryConversationStore(), new NluDialogueEngine(() -> model,
                Policies.standard(Handlers.builtIn(new FakeCrm()), new DisabledFallbackGenerator()),
                DialogueConfig.defaults(), Clock.fixed(FakeCrm.NOW, ZoneOffset.UTC)));
    }

    private static ScriptedNlu nlu() {
        ScriptedNlu nlu = new ScriptedNlu();
        nlu.on("where is my order").intent("order_status", 0.95).done();
        nlu.on("A1B2C3").intent("out_of_scope", 0.4).entity("order_id", "A1B2C3").done();
        nlu.on("ann@example.com").intent("out_of_scope", 0.4).entity("email", "ann@example.com").done();
        return nlu;
    }

    @Test
    void plays_a_yaml_conversation_through_the_engine() throws Exception {
        ConversationScript s = ConversationScript.load(script("order-status.yml"));
        assertThat(s.steps()).hasSize(3);
        s.play(kit(nlu()));
    }

    @Test
    void a_failing_expectation_names_the_file_and_the_step() throws Exception {
        ConversationScript s = ConversationScript.load(script("order-status.yml"));
        ScriptedNlu wrong = nlu();
        wrong.on("where is my order").intent("greet", 0.95).done();
        assertThatThrownBy(() -> s.play(kit(wrong))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("order-status.yml").hasMessageContaining("step 1").hasMessageContaining("intent order_status");
    }

    @Test
    void unknown_keys_are_errors() throws Exception {
        Path p = script("unknown-key.yml");
        assertThatThrownBy(() -> ConversationScript.load(p)).hasMessageContaining("unknown key 'intnet'");
    }
}
