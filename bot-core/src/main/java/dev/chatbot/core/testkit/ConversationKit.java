package dev.chatbot.core.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.KeyedSerialExecutor;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.dialogue.DialogueEngine;
import dev.chatbot.core.fanout.InProcessMessageFanout;
import dev.chatbot.core.port.ConversationStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives conversations turn by turn through the real conversation service, synchronously, and checks what happened.
 * <pre>
 * ConversationKit kit = new ConversationKit(store, engine);
 * var chat = kit.newConversation();
 * chat.say("where is my order").expectIntent("order_status").expectHandler("order_status")
 *     .expectReplyContaining("order number").expectState(ConversationState.BOT);
 * </pre>
 * Expectations throw {@link AssertionError} with the turn's trace in the message.
 */
public final class ConversationKit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConversationStore store;
    private final ConversationService service;

    public ConversationKit(ConversationStore store, DialogueEngine engine) {
        this.store = store;
        this.service = new ConversationService(store, new InProcessMessageFanout(), engine,
                new KeyedSerialExecutor(Runnable::run));
    }

    public ConversationService service() {
        return service;
    }

    public Chat newConversation() {
        return new Chat(service.start("en", Optional.empty()));
    }

    /** One conversation. */
    public final class Chat {
        private final String id;
        private final AtomicLong clientIds = new AtomicLong();

        private Chat(Conversation conversation) {
            this.id = conversation.id();
        }

        public String id() {
            return id;
        }

        /** The customer sends a message; returns the bot's turn once it is done. */
        public Turn say(String text) {
            long seq = service.receiveCustomerMessage(id, "kit-" + clientIds.incrementAndGet(), text).message().seq();
            List<Message> after = service.messagesAfter(id, seq, 100);
            String trace = store.traces(id).get(seq);
            Conversation c = store.find(id).orElseThrow();
            return new Turn(text, after, trace == null ? JSON.createObjectNode() : parse(trace), c);
        }

        public Conversation conversation() {
            return store.find(id).orElseThrow();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable trace", e);
        }
    }

    /** The bot's turn after one customer message, with expectations. */
    public static final class Turn {
        private final String said;
        private final List<Message> replies;
        private final JsonNode trace;
        private final Conversation conversation;

        Turn(String said, List<Message> replies, JsonNode trace, Conversation conversation) {
            this.said = said;
            this.replies = replies.stream().filter(m -> m.role() != Role.CUSTOMER).toList();
            this.trace = trace;
            this.conversation = conversation;
        }

        public List<Message> replies() {
            return replies;
        }

        public String replyText() {
            return String.join("\n", replies.stream().map(Message::text).toList());
        }

        public JsonNode trace() {
            return trace;
        }

        public Conversation conversation() {
            return conversation;
        }

        public String intent() {
            return trace.path("intent").path("name").asText();
        }

        public String policy() {
            return trace.path("decision").path("policy").asText();
        }

        public String handler() {
            return trace.path("outcome").path("handler").asText();
        }

        public Optional<String> escalationSignal() {
            JsonNode e = trace.path("escalation").path("signal");
            return e.isMissingNode() ? Optional.empty() : Optional.of(e.asText());
        }

        public Turn expectIntent(String expected) {
            return check(expected.equals(intent()), "intent " + expected + ", got " + intent());
        }

        public Turn expectPolicy(String expected) {
            return check(expected.equals(policy()), "winning policy " + expected + ", got " + policy());
        }

        public Turn expectHandler(String expected) {
            return check(expected.equals(handler()), "handler " + expected + ", got '" + handler() + "'");
        }

        public Turn expectReplyContaining(String fragment) {
            return check(replyText().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                    "a reply containing '" + fragment + "', got: " + replyText());
        }

        public Turn expectReplyNotContaining(String fragment) {
            return check(!replyText().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                    "no reply containing '" + fragment + "', got: " + replyText());
        }

        public Turn expectState(ConversationState expected) {
            return check(conversation.state() == expected, "state " + expected.wireName() + ", got "
                    + conversation.state().wireName());
        }

        public Turn expectEscalation(String signal) {
            return check(escalationSignal().filter(signal::equals).isPresent(),
                    "escalation " + signal + ", got " + escalationSignal().orElse("none"));
        }

        public Turn expectNoEscalation() {
            return check(escalationSignal().isEmpty(), "no escalation, got " + escalationSignal().orElse(""));
        }

        public Turn expectSource(String faqId) {
            boolean found = replies.stream().flatMap(m -> m.sources().stream()).anyMatch(s -> s.id().equals(faqId));
            return check(found, "an answer citing FAQ " + faqId + ", got sources "
                    + replies.stream().flatMap(m -> m.sources().stream()).map(s -> s.id()).toList());
        }

        private Turn check(boolean ok, String expectation) {
            if (!ok) {
                throw new AssertionError("after the customer said \"" + said + "\": expected " + expectation
                        + "\n  replies: " + new ArrayList<>(replies.stream().map(Message::text).toList())
                        + "\n  trace: " + trace);
            }
            return this;
        }
    }
}
