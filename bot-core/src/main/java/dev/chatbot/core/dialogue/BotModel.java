package dev.chatbot.core.dialogue;

import dev.chatbot.nlp.NluEngine;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.TrainingData;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One published version of the bot: the trained language model and the training data it was trained from (intent
 * handlers, fixed replies, escalation flags, FAQ entries). Swapped as a whole when an admin activates a version.
 *
 * @param version model version id
 * @param nlu     the trained pipeline
 * @param data    the training data of this version
 */
public record BotModel(String version, NluEngine nlu, TrainingData data) {

    public Optional<IntentDefinition> intent(String name) {
        return Optional.ofNullable(intents().get(name));
    }

    private Map<String, IntentDefinition> intents() {
        return data.intents().stream().collect(Collectors.toMap(IntentDefinition::name, Function.identity(), (a, b) -> a));
    }
}
