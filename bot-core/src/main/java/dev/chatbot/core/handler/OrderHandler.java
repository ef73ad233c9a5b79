package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.UnknownOrderException;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;
import dev.chatbot.nlp.EntityMention;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part every order handler shares: collect the order id and the e-mail address on the order, verify them
 * together against the CRM, and only then let the subclass act on the order. The customer learns nothing about an
 * order (not even whether it exists) before the pair matches: a wrong id and a wrong e-mail get the same answer.
 * After {@code maxVerificationAttempts} failures in a conversation the bot stops checking and offers a person.
 */
public abstract class OrderHandler implements IntentHandler {

    static final String ORDER_ID = "order_id";
    static final String EMAIL = "email";

    /** 6 letters and digits with at least one of each, optionally after a '#'. */
    private static final Pattern ORDER_ID_IN_TEXT = Pattern.compile(
            "(?<![A-Za-z0-9])#?((?=[A-Za-z0-9]{0,5}[0-9])(?=[A-Za-z0-9]{0,5}[A-Za-z])[A-Za-z0-9]{6})(?![A-Za-z0-9@])");
    private static final Pattern EMAIL_IN_TEXT = Pattern.compile("[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9.\\-]{1,253}\\.[A-Za-z]{2,63}");

    protected final CrmClient crm;

    protected OrderHandler(CrmClient crm) {
        this.crm = crm;
    }

    @Override
    public final TurnOutcome step(DialogueState.FormState form, TurnContext turn) {
        DialogueState state = turn.state();
        absorb(form, turn);
        if (!form.slots.containsKey(ORDER_ID)) {
            return ask(form, turn, ORDER_ID, BotTexts.ASK_ORDER_ID);
        }
        String orderId = form.slots.get(ORDER_ID);
        String verifiedEmail = state.verifiedOrders.get(orderId);
        Order order;
        try {
            if (verifiedEmail == null) {
                if (!form.slots.containsKey(EMAIL)) {
                    return ask(form, turn, EMAIL, BotTexts.ASK_EMAIL);
                }
                Optional<Order> found = crm.findOrder(orderId).filter(o -> o.belongsTo(form.slots.get(EMAIL)));
                if (found.isEmpty()) {
                    return verificationFailed(form, turn, orderId);
                }
                state.verifiedOrders.put(orderId, form.slots.get(EMAIL));
                order = found.get();
            } else {
                order = crm.findOrder(orderId).filter(o -> o.belongsTo(verifiedEmail)).orElse(null);
                if (order == null) {
                    state.verifiedOrders.remove(orderId);
                    return verificationFailed(form, turn, orderId);
                }
            }
            form.invalidAnswers = 0;
            return act(form, order, turn).with("handler", name()).with("order", order.id());
        } catch (UnknownOrderException e) {
            // the order vanished between the lookup and the action
            state.verifiedOrders.remove(orderId);
            return verificationFailed(form, turn, orderId);
        } catch (CrmException e) {
            // keep the form: the customer can simply try again later in the conversation
            turn.state().pendingOffer = "human";
            return TurnOutcome.fallback(BotTexts.offerHuman(BotTexts.CRM_UNAVAILABLE))
                    .with("handler", name()).with("crm_error", e.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    /** What the subclass does with a verified order. */
    protected abstract TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn);

    /** Takes an order id and an e-mail from the message: entities first, then patterns when the bot asked for them. */
    private static void absorb(DialogueState.FormState form, TurnContext turn) {
        Optional<String> id = turn.entity(ORDER_ID).map(EntityMention::value).map(OrderHandler::normaliseOrderId)
                .or(() -> find(ORDER_ID_IN_TEXT, turn.text(), 1).map(OrderHandler::normaliseOrderId));
        id.ifPresent(v -> {
            if (!v.equals(form.slots.get(ORDER_ID))) {
                form.slots.put(ORDER_ID, v);
            }
        });
        Optional<String> email = turn.entity(EMAIL).map(EntityMention::value)
                .or(() -> find(EMAIL_IN_TEXT, turn.text(), 0))
                .map(e -> e.strip().toLowerCase(Locale.ROOT));
        email.ifPresent(v -> form.slots.put(EMAIL, v));
    }

    private static Optional<String> find(Pattern p, String text, int group) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(group)) : Optional.empty();
    }

    static String normaliseOrderId(String raw) {
        return raw.strip().replaceFirst("^#", "").toUpperCase(Locale.ROOT);
    }

    /** Asks for a slot; a second invalid answer in a row gets a hint, the fourth an offer of a person. */
    private TurnOutcome ask(DialogueState.FormState form, TurnContext turn, String slot, String question) {
        if (slot.equals(form.awaiting)) {
            form.invalidAnswers++;
        } else {
            form.awaiting = slot;
            form.invalidAnswers = 0;
        }
        if (form.invalidAnswers >= 3) {
            turn.state().form = null;
            turn.state().pendingOffer = "human";
            return TurnOutcome.fallback(BotTexts.offerHuman(BotTexts.GIVING_UP_ON_SLOT)).with("handler", name())
                    .with("awaiting", slot);
        }
        String text = form.invalidAnswers == 0 ? question
                : (slot.equals(ORDER_ID) ? BotTexts.ORDER_ID_HINT : BotTexts.EMAIL_HINT);
        return TurnOutcome.reply(NewMessage.bot(text)).with("handler", name()).with("awaiting", slot);
    }

    private TurnOutcome verificationFailed(DialogueState.FormState form, TurnContext turn, String orderId) {
        DialogueState state = turn.state();
        state.failedVerifications++;
        form.slots.remove(ORDER_ID);
        form.slots.remove(EMAIL);
        form.awaiting = ORDER_ID;
        form.invalidAnswers = 0;
        if (state.failedVerifications >= turn.config().maxVerificationAttempts()) {
            state.form = null;
            state.suspended = null;
            return TurnOutcome.escalate(new Escalation("verification_failed", state.failedVerifications,
                            "order verification failed " + state.failedVerifications + " times (last id " + orderId + ")",
                            turn.clock().instant()),
                    NewMessage.bot(BotTexts.VERIFICATION_LOCKED)).with("handler", name());
        }
        return TurnOutcome.reply(NewMessage.bot(BotTexts.verificationFailed(orderId))).with("handler", name())
                .with("verification", "failed");
    }

    /** Ends the form: the handler is done. */
    protected static void finish(TurnContext turn) {
        turn.state().form = null;
    }
}
