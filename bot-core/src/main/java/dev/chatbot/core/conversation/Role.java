package dev.chatbot.core.conversation;

import java.util.Arrays;
import java.util.Locale;

/** Who wrote a message. */
public enum Role {
    CUSTOMER, BOT, AGENT, SYSTEM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        return Arrays.stream(values())
                .filter(r -> r.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role: " + name));
    }
}
