package dev.chatbot.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.core.agent.AgentDeskException.Reason;
import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.ConversationEvent;
import dev.chatbot.core.conversation.ConversationService;
import dev.chatbot.core.conversation.ConversationState;
import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.port.ConversationStore;
import dev.chatbot.core.port.MessageFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What an agent does with a conversation: claim it (atomically: of two agents exactly one gets it), reply as
 * themselves, write private notes, hand it back to the bot, resolve it. Every change is stored first, then published to
 * everyone watching (the customer's widget sees the state become {@code agent} and a "Dana joined" message).
 *
 * <p>Who the agent is comes from the caller, which has authenticated them. All methods block on storage (and
 * {@link #view} on the CRM); call them off I/O event loops.
 */
public final class AgentDesk {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest transcript returned in one view. */
    static final int MAX_MESSAGES = 2000;
    private static final int PAGE = 500;

    private final ConversationStore store;
    private final ConversationService conversations;
    private final MessageFanout fanout;
    private final AgentNoteStore notes;
    private final CustomerCards cards;
    private final Clock clock;
    private final int maxTextLength;
    private final List<Consumer<AgentNote>> noteListeners = new CopyOnWriteArrayList<>();

    public AgentDesk(ConversationStore store, ConversationService conversations, MessageFanout fanout,
                     AgentNoteStore notes, CustomerCards cards, Clock clock, int maxTextLength) {
        this.store = store;
        this.conversations = conversations;
        this.fanout = fanout;
        this.notes = notes;
        this.cards = cards;
        this.clock = clock;
        this.maxTextLength = maxTextLength;
    }

    /** Conversations in a state, the longest waiting first, with what the queue shows about each. */
    public List<QueueItem> queue(ConversationState state, int limit) {
        List<QueueItem> items = new ArrayList<>();
        for (Conversation c : store.list(state, limit)) {
            items.add(item(c));
        }
        return items;
    }

    /** The queue line of one conversation. */
    public QueueItem item(String conversationId) {
        return item(find(conversationId));
    }

    private QueueItem item(Conversation c) {
        Optional<Message> last = c.lastSeq() == 0 ? Optional.empty()
                : store.messagesAfter(c.id(), c.lastSeq() - 1, 1).stream().findFirst();
        Duration waiting = Duration.ZERO;
        if (c.state() == ConversationState.WAITING_FOR_AGENT) {
            waiting = Duration.between(c.escalation().map(Escalation::at).orElse(c.updatedAt()), clock.instant());
            if (waiting.isNegative()) {
                waiting = Duration.ZERO;
            }
        }
        return new QueueItem(c, last, latestSentiment(store.traces(c.id())), waiting);
    }

    /** Everything about one conversation: transcript, bot-turn traces, notes and the customer's CRM card. */
    public ConversationView view(String conversationId) {
        Conversation c = find(conversationId);
        List<Message> messages = new ArrayList<>();
        long cursor = 0;
        while (messages.size() < MAX_MESSAGES) {
            List<Message> page = store.messagesAfter(conversationId, cursor, PAGE);
            if (page.isEmpty()) {
                break;
            }
            messages.addAll(page);
            cursor = page.getLast().seq();
        }
        CustomerCard card = cards.lookup(c, store.dialogueState(conversationId), messages);
        return new ConversationView(c, messages, store.traces(conversationId), notes.list(conversationId), card);
    }

    /**
     * Gives the conversation to this agent. Claiming one's own conversation again changes nothing.
     *
     * @throws AgentDeskException {@code CLAIMED_BY_OTHER} when another agent has it, {@code WRONG_STATE} when it is
     *                            resolved, {@code NOT_FOUND}
     */
    public Conversation claim(String conversationId, Agent agent) {
        find(conversationId);
        Optional<Conversation> claimed = store.claim(conversationId, agent.username());
        if (claimed.isEmpty()) {
            Conversation now = find(conversationId);
            if (now.assignedAgent().filter(agent.username()::equals).isPresent()) {
                return now;
            }
            if (now.assignedAgent().isPresent()) {
                throw new AgentDeskException(Reason.CLAIMED_BY_OTHER, "Another agent has already taken this conversation.");
            }
            throw new AgentDeskException(Reason.WRONG_STATE,
                    "This conversation is " + now.state().wireName() + " and cannot be taken.");
        }
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("agent", agent.username())
                .log("agent claimed conversation");
        fanout.publish(new ConversationEvent.StateChanged(conversationId, ConversationState.AGENT));
        conversations.post(conversationId, NewMessage.system(agent.displayName() + " joined the conversation."));
        return claimed.get();
    }

    /**
     * Sends a message to the customer as this agent (stored with role {@code agent} and the agent's display name).
     *
     * @throws AgentDeskException {@code NOT_ASSIGNED} unless the agent holds the conversation, {@code INVALID_TEXT}
     */
    public Message reply(String conversationId, Agent agent, String text) {
        String clean = checkText(text);
        Conversation c = find(conversationId);
        requireHolder(c, agent, false);
        Message stored = conversations.post(conversationId, new NewMessage(Role.AGENT, clean, Optional.empty(),
                Optional.of(agent.displayName()), List.of(), List.of()));
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("agent", agent.username())
                .addKeyValue("seq", stored.seq()).log("agent replied");
        return stored;
    }

    /** Tells the customer the agent is typing; ignored unless the agent holds the conversation. */
    public void typing(String conversationId, Agent agent) {
        Conversation c = find(conversationId);
        if (c.state() == ConversationState.AGENT && c.assignedAgent().filter(agent.username()::equals).isPresent()) {
            conversations.typing(conversationId, Role.AGENT);
        }
    }

    /** Adds a private note; any agent may annotate any conversation. Never shown to the customer. */
    public AgentNote note(String conversationId, Agent agent, String text) {
        String clean = checkText(text);
        find(conversationId);
        AgentNote note = notes.add(conversationId, agent, clean);
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("agent", agent.username())
                .log("agent wrote a note");
        noteListeners.forEach(l -> {
            try {
                l.accept(note);
            } catch (RuntimeException e) {
                LOG.warn("note listener failed", e);
            }
        });
        return note;
    }

    /** The private notes of a conversation, oldest first. */
    public List<AgentNote> notes(String conversationId) {
        find(conversationId);
        return notes.list(conversationId);
    }

    /**
     * Hands the conversation back to the bot. The holder (or an admin) may release a claimed conversation; any agent
     * may give a waiting one back to the bot. Releasing a conversation the bot already has changes nothing.
     */
    public Conversation release(String conversationId, Agent agent) {
        Conversation c = find(conversationId);
        if (c.state() == ConversationState.BOT && c.assignedAgent().isEmpty()) {
            return c;
        }
        if (c.state() == ConversationState.RESOLVED) {
            throw new AgentDeskException(Reason.WRONG_STATE, "This conversation is resolved.");
        }
        if (c.assignedAgent().isPresent()) {
            requireHolder(c, agent, true);
        }
        Conversation released = store.release(conversationId, ConversationState.BOT);
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("agent", agent.username())
                .log("agent handed conversation back to the bot");
        fanout.publish(new ConversationEvent.StateChanged(conversationId, ConversationState.BOT));
        conversations.post(conversationId, NewMessage.system(agent.displayName()
                + " handed the conversation back to the assistant. You can keep asking here, or ask for a person again."));
        return released;
    }

    /**
     * Marks the conversation resolved. The holder (or an admin) may resolve a claimed conversation; any agent may
     * resolve one nobody holds. Resolving a resolved conversation changes nothing.
     */
    public Conversation resolve(String conversationId, Agent agent) {
        Conversation c = find(conversationId);
        if (c.state() == ConversationState.RESOLVED) {
            return c;
        }
        if (c.assignedAgent().isPresent()) {
            requireHolder(c, agent, true);
        }
        Conversation resolved = store.release(conversationId, ConversationState.RESOLVED);
        LOG.atInfo().addKeyValue("conversation", conversationId).addKeyValue("agent", agent.username())
                .log("agent resolved conversation");
        fanout.publish(new ConversationEvent.StateChanged(conversationId, ConversationState.RESOLVED));
        conversations.post(conversationId, NewMessage.system(agent.displayName()
                + " marked the conversation as resolved. Thank you for contacting us!"));
        return resolved;
    }

    /** Calls the listener with every new note (for pushing notes to other agents' consoles). */
    public void onNote(Consumer<AgentNote> listener) {
        noteListeners.add(listener);
    }

    /** The sentiment of the newest analysed customer message, from the traces of the bot's turns. */
    public static Optional<Sentiment> latestSentiment(Map<Long, String> traces) {
        return traces.entrySet().stream()
                .max(Map.Entry.comparingByKey())
                .flatMap(e -> {
                    try {
                        JsonNode s = JSON.readTree(e.getValue()).path("sentiment");
                        if (!s.hasNonNull("label")) {
                            return Optional.empty();
                        }
                        return Optional.of(new Sentiment(s.path("label").asText(), s.path("negativity").asDouble(0),
                                e.getKey()));
                    } catch (Exception unreadable) {
                        return Optional.empty();
                    }
                });
    }

    private Conversation find(String conversationId) {
        return store.find(conversationId).orElseThrow(() ->
                new AgentDeskException(Reason.NOT_FOUND, "There is no conversation " + conversationId + "."));
    }

    private void requireHolder(Conversation c, Agent agent, boolean adminMayOverride) {
        boolean holds = c.state() == ConversationState.AGENT && c.assignedAgent().filter(agent.username()::equals).isPresent();
        if (holds || (adminMayOverride && agent.admin())) {
            return;
        }
        if (c.assignedAgent().isPresent() && !c.assignedAgent().get().equals(agent.username())) {
            throw new AgentDeskException(Reason.CLAIMED_BY_OTHER, "Another agent has this conversation.");
        }
        throw new AgentDeskException(Reason.NOT_ASSIGNED, "Take the conversation first.");
    }

    private String checkText(String text) {
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty()) {
            throw new AgentDeskException(Reason.INVALID_TEXT, "The text is empty.");
        }
        if (clean.length() > maxTextLength) {
            throw new AgentDeskException(Reason.INVALID_TEXT,
                    "The text is longer than " + maxTextLength + " characters; please shorten it.");
        }
        return clean;
    }
}
