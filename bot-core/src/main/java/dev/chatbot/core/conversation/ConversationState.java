package dev.chatbot.core.conversation;

import java.util.Arrays;
import java.util.Locale;

/** Where a conversation is in its life; the wire name is the lower-case snake_case form. */
public enum ConversationState {
    BOT, WAITING_FOR_AGENT, AGENT, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationState fromWire(String name) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown conversation state: " + name));
    }
}
