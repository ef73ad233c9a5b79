package dev.chatbot.core.conversation;

/** Where a bot answer came from, shown under the answer (an FAQ entry id and its title). */
public record MessageSource(String id, String title) {
}
