package dev.chatbot.core.dialogue;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.data.IntentDefinition;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one turn that policies and handlers may read: the conversation, the message and its analysis, the
 * engine's memory (which the winning action may change), the active bot model, settings and the clock.
 */
public final class TurnContext {

    private final Conversation conversation;
    private final Message message;
    private final NluResult nlu;
    private final DialogueState state;
    private final List<Message> history;
    private final PartialSink partials;
    private final BotModel model;
    private final DialogueConfig config;
    private final Clock clock;

    public TurnContext(Conversation conversation, Message message, NluResult nlu, DialogueState state,
                       List<Message> history, PartialSink partials, BotModel model, DialogueConfig config, Clock clock) {
        this.conversation = conversation;
        this.message = message;
        this.nlu = nlu;
        this.state = state;
        this.history = List.copyOf(history);
        this.partials = partials;
        this.model = model;
        this.config = config;
        this.clock = clock;
    }

    public Conversation conversation() {
        return conversation;
    }

    public Message message() {
        return message;
    }

    public String text() {
        return message.text();
    }

    public NluResult nlu() {
        return nlu;
    }

    public DialogueState state() {
        return state;
    }

    public List<Message> history() {
        return history;
    }

    public PartialSink partials() {
        return partials;
    }

    public BotModel model() {
        return model;
    }

    public DialogueConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The winning intent's name. */
    public String intent() {
        return nlu.intent().name();
    }

    public double intentConfidence() {
        return nlu.intent().confidence();
    }

    /** True when the winning intent is {@code name} with at least the given confidence. */
    public boolean isIntent(String name, double threshold) {
        return !nlu.intent().outOfScope() && !isMostlyEntities() && intent().equals(name) && intentConfidence() >= threshold;
    }

    /** The definition of the winning intent when it is confident enough to act on. */
    public Optional<IntentDefinition> confidentIntent() {
        if (nlu.intent().outOfScope() || intentConfidence() < config.intentThreshold() || isMostlyEntities()) {
            return Optional.empty();
        }
        return model.intent(intent());
    }

    /**
     * True when entities cover most of the message ("A1B2C3", "ann@example.com", "#K7P2Q9 please"): such a message
     * answers a question, and the intent classifier's guess about it means little.
     */
    public boolean isMostlyEntities() {
        String text = nlu.text();
        long letters = text.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (letters == 0 || nlu.entities().isEmpty()) {
            return false;
        }
        boolean[] covered = new boolean[text.length()];
        for (EntityMention e : nlu.entities()) {
            for (int i = Math.max(0, e.start()); i < Math.min(text.length(), e.end()); i++) {
                covered[i] = true;
            }
        }
        long inEntities = 0;
        for (int i = 0; i < text.length(); i++) {
            if (covered[i] && !Character.isWhitespace(text.charAt(i))) {
                inEntities++;
            }
        }
        return inEntities >= 0.6 * letters;
    }

    public Optional<EntityMention> entity(String type) {
        return nlu.entity(type);
    }
}
