package dev.chatbot.core.dialogue;

/** Receives pieces of an answer as they are generated, before the final message is stored. */
@FunctionalInterface
public interface PartialSink {

    void delta(String text);

    PartialSink NONE = text -> { };
}
