package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;
import dev.chatbot.core.crm.RefundResult;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.chatbot.core.dialogue.BotTexts.money;

/**
 * Refunds by the admin's rules: a delivered order inside the return window (or a returned one), up to the automatic
 * limit, is requested from the CRM after the customer confirms; above the limit a person decides; anything else is
 * explained.
 */
public final class RefundRequestHandler extends OrderHandler {

    static final String CONFIRMATION = "confirmation";
    static final String AMOUNT = "amount";

    public RefundRequestHandler(CrmClient crm) {
        super(crm);
    }

    @Override
    public String name() {
        return "refund_request";
    }

    @Override
    protected TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn) {
        boolean eligible = order.status() == OrderStatus.RETURNED
                || ReturnWindow.isOpen(order, turn.config().returnWindowDays(), turn.clock());
        if (!eligible) {
            finish(turn);
            return TurnOutcome.reply(NewMessage.bot(notEligible(order, turn.config().returnWindowDays())))
                    .with("status", order.status().wireName()).with("eligible", false);
        }
        BigDecimal amount = requestedAmount(form, order, turn);
        if (amount.compareTo(turn.config().refundAutoLimit()) > 0) {
            finish(turn);
            return TurnOutcome.escalate(new Escalation("refund_above_limit", amount.doubleValue(),
                            "refund of " + money(amount, order.currency()) + " for order " + order.id()
                                    + " is above the automatic limit of " + turn.config().refundAutoLimit(),
                            turn.clock().instant()),
                    NewMessage.bot("A refund of " + money(amount, order.currency()) + " needs a quick check by our team. "
                            + BotTexts.ESCALATED))
                    .with("amount", amount.toPlainString());
        }
        if (!CONFIRMATION.equals(form.awaiting)) {
            form.awaiting = CONFIRMATION;
            return confirm(order, amount, "Order " + order.id() + " qualifies for a refund of "
                    + money(amount, order.currency()) + " to your original payment method. Shall I request it?");
        }
        if (Answers.isYes(turn)) {
            finish(turn);
            RefundResult result = crm.requestRefund(new RefundRequest(order.id(), amount, order.currency(),
                    "requested by the customer in chat"));
            String status = switch (result.status()) {
                case "approved" -> "approved";
                case "rejected" -> "rejected";
                default -> "requested";
            };
            if (status.equals("rejected")) {
                turn.state().pendingOffer = "human";
                return TurnOutcome.reply(BotTexts.offerHuman("Our system didn't accept the refund for order "
                        + order.id() + " (reference " + result.refundId() + ")."))
                        .with("refund", result.refundId()).with("refund_status", status);
            }
            return TurnOutcome.reply(NewMessage.bot("Done: a refund of " + money(amount, order.currency())
                    + " for order " + order.id() + " is " + status + " (reference " + result.refundId() + "). "
                    + "It goes back to your original payment method within 5-10 business days."))
                    .with("refund", result.refundId()).with("refund_status", status);
        }
        if (Answers.isNo(turn)) {
            finish(turn);
            return TurnOutcome.reply(NewMessage.bot(BotTexts.OKAY_NOTHING_DONE));
        }
        return confirm(order, amount, "Just to be sure: shall I request a refund of " + money(amount, order.currency())
                + " for order " + order.id() + "? Please answer yes or no.");
    }

    private static TurnOutcome confirm(Order order, BigDecimal amount, String text) {
        return TurnOutcome.reply(new NewMessage(Role.BOT, text, Optional.empty(), Optional.empty(),
                List.of("Yes, refund it", "No"), List.of())).with("awaiting", CONFIRMATION)
                .with("amount", amount.toPlainString());
    }

    /** The amount the customer named (same currency, not above the total), else the order's total. */
    private static BigDecimal requestedAmount(DialogueState.FormState form, Order order, TurnContext turn) {
        turn.entity("amount").map(e -> e.value()).ifPresent(v -> form.slots.put(AMOUNT, v));
        String named = form.slots.get(AMOUNT);
        if (named != null) {
            String[] parts = named.strip().split("\\s+");
            try {
                BigDecimal value = new BigDecimal(parts[0]);
                boolean sameCurrency = parts.length < 2 || parts[1].toUpperCase(Locale.ROOT).equals(order.currency());
                if (sameCurrency && value.signum() > 0 && value.compareTo(order.total()) <= 0) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // not an amount we can use; refund the whole order
            }
        }
        return order.total();
    }

    private static String notEligible(Order order, int windowDays) {
        return switch (order.status()) {
            case PENDING, PROCESSING -> "Order " + order.id() + " hasn't shipped yet, so there's nothing to refund: "
                    + "I can cancel it instead, which refunds you in full. Just say \"cancel my order\".";
            case SHIPPED -> "Order " + order.id() + " is on its way. Once it arrives you can return it within "
                    + windowDays + " days and get a refund.";
            case DELIVERED -> "Order " + order.id() + " was delivered more than " + windowDays + " days ago, which is "
                    + "outside our return window, so I can't refund it here. If the item is faulty, it may still be "
                    + "covered by the warranty; a person from our team can look at it.";
            case CANCELLED -> "Order " + order.id() + " was cancelled; any payment goes back to your original payment "
                    + "method within 5-10 business days, no need to ask.";
            case RETURNED -> "Order " + order.id() + " was returned.";
        };
    }
}
