package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a winning policy did: the replies, whether it handed the conversation to a person, whether the bot could not
 * answer (a fallback, counted for escalation), and details for the trace.
 */
public record TurnOutcome(List<NewMessage> replies, Optional<Escalation> escalation, boolean fallback,
                          Map<String, Object> details) {

    public TurnOutcome {
        replies = List.copyOf(replies);
        details = new LinkedHashMap<>(details);
    }

    public static TurnOutcome reply(NewMessage... replies) {
        return new TurnOutcome(List.of(replies), Optional.empty(), false, Map.of());
    }

    public static TurnOutcome fallback(NewMessage... replies) {
        return new TurnOutcome(List.of(replies), Optional.empty(), true, Map.of());
    }

    public static TurnOutcome escalate(Escalation escalation, NewMessage... replies) {
        return new TurnOutcome(List.of(replies), Optional.of(escalation), false, Map.of());
    }

    public TurnOutcome with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new TurnOutcome(replies, escalation, fallback, d);
    }
}
