/**
 * The conversation test kit: "the customer says X; expect intent Y, policy/handler Z, a reply containing W, state S",
 * in a few lines from JUnit ({@link dev.chatbot.core.testkit.ConversationKit}) or from YAML files
 * ({@link dev.chatbot.core.testkit.ConversationScript}) such as those in {@code training-data/tests/conversations/}.
 * Turns run synchronously through the real {@link dev.chatbot.core.conversation.ConversationService} and whatever
 * engine, store and CRM the caller wires in.
 */
package dev.chatbot.core.testkit;
