package dev.chatbot.core.port;

import dev.chatbot.core.conversation.AppendResult;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.NewMessage;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of conversations and their messages. Blocking; call it off I/O event loops.
 *
 * <p>Sequence numbers are assigned here: per conversation, starting at 1, without gaps, never reused, also
 * when several server nodes append to the same conversation at once. A message is durable when
 * {@link #append} returns. Failures to reach the storage surface as {@link StoreUnavailableException}.
 */
public interface ConversationStore {

    /** Creates a conversation in state {@code bot}. */
    Conversation create(String locale, Optional<String> customerEmail);

    Optional<Conversation> find(String conversationId);

    /**
     * Stores a message with the next sequence number. A customer message whose client id is already stored
     * in this conversation is not stored again: the earlier message comes back with {@code duplicate=true}.
     *
     * @throws UnknownConversationException when the conversation does not exist
     */
    AppendResult append(String conversationId, NewMessage message);

    /** Messages with a sequence number greater than {@code afterSeq}, oldest first, at most {@code limit}. */
    List<Message> messagesAfter(String conversationId, long afterSeq, int limit);

    /**
     * Moves a conversation to a new state.
     *
     * @return the updated conversation
     * @throws UnknownConversationException when the conversation does not exist
     */
    Conversation updateState(String conversationId, ConversationState state);

    /**
     * Hands the conversation to the agents: records why and moves it to {@code waiting_for_agent}, unless an agent has
     * already claimed it (a claim that lands just before the bot's escalation), in which case the reason is recorded
     * and the agent keeps the conversation.
     *
     * @throws UnknownConversationException when the conversation does not exist
     */
    Conversation escalate(String conversationId, Escalation escalation);

    /**
     * Gives the conversation to one agent, atomically: succeeds only while it is waiting for an agent or with the bot
     * and nobody else has claimed it. Two agents claiming at once: exactly one gets it.
     *
     * @return the claimed conversation, or empty when it was not claimable
     */
    Optional<Conversation> claim(String conversationId, String agent);

    /** Hands the conversation back to the bot (or marks it resolved), clearing the assigned agent. */
    Conversation release(String conversationId, ConversationState state);

    /**
     * Hands a conversation back to the bot only if it is still waiting and nobody has claimed it (for the agent wait
     * timeout, which must not undo a claim made a moment earlier).
     *
     * @return the conversation when it was released
     */
    Optional<Conversation> releaseIfUnclaimed(String conversationId);

    /** Conversations in a state, the longest waiting (least recently updated) first. */
    List<Conversation> list(ConversationState state, int limit);

    /** The dialogue engine's memory of this conversation (slot filling, counters), as an opaque JSON string. */
    Optional<String> dialogueState(String conversationId);

    void saveDialogueState(String conversationId, String json);

    /** Records the trace of the bot turn that answered the customer message {@code customerSeq}. */
    void saveTrace(String conversationId, long customerSeq, String json);

    /** Traces of a conversation's bot turns, by the customer message they answered. */
    java.util.Map<Long, String> traces(String conversationId);

    /**
     * What a bot turn starts from, read at once: the conversation, its dialogue memory, and its messages after
     * {@code upToSeq - window} up to {@code upToSeq}, oldest first. Stores that can read them in one transaction should.
     *
     * @throws UnknownConversationException when the conversation does not exist
     */
    default TurnContext turnContext(String conversationId, long upToSeq, int window) {
        Conversation conversation = find(conversationId)
                .orElseThrow(() -> new UnknownConversationException(conversationId));
        List<Message> history = messagesAfter(conversationId, Math.max(0, upToSeq - window), window).stream()
                .filter(m -> m.seq() <= upToSeq)
                .toList();
        return new TurnContext(conversation, dialogueState(conversationId), history);
    }

    /**
     * Stores what a bot turn produced: its dialogue memory and trace when present, then its replies in order, each
     * with the next sequence number. Stores that can should do it in one transaction, so a turn is stored whole or not
     * at all. The replies are durable when this returns.
     *
     * @return the stored replies, in order
     */
    default List<Message> completeTurn(String conversationId, long customerSeq, Optional<String> dialogueState,
                                       Optional<String> trace, List<NewMessage> replies) {
        dialogueState.ifPresent(json -> saveDialogueState(conversationId, json));
        trace.ifPresent(json -> saveTrace(conversationId, customerSeq, json));
        return replies.stream().map(r -> append(conversationId, r).message()).toList();
    }

    /** The conversation, its dialogue memory and its recent messages, as a bot turn needs them. */
    record TurnContext(Conversation conversation, Optional<String> dialogueState, List<Message> history) {
    }

    /** Cheap check that the storage answers, for the health endpoint. */
    boolean isAvailable();
}
