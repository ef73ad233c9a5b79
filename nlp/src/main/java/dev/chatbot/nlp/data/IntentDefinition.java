package dev.chatbot.nlp.data;

import java.util.List;
import java.util.Optional;

/**
 * One intent file.
 *
 * @param name        snake_case intent name, unique in the folder
 * @param description optional human description
 * @param examples    example utterances
 * @param replies     fixed replies for intents answered without a handler (may be empty)
 * @param handler     the rule handler that serves this intent, if any
 * @param escalate    whether the intent hands the conversation straight to a human
 * @param source      the file, at the line of its {@code intent:} key
 */
public record IntentDefinition(String name, String description, List<IntentExample> examples,
                               List<String> replies, Optional<String> handler, boolean escalate,
                               SourceRef source) {

    public IntentDefinition {
        examples = List.copyOf(examples);
        replies = List.copyOf(replies);
    }
}
