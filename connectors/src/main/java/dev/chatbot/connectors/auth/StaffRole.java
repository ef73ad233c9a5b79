package dev.chatbot.connectors.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a staff account may do: agents handle conversations; admins also manage accounts and the bot. */
public enum StaffRole {
    AGENT, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StaffRole> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }
}
