package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderNotCancellableException;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

import java.util.List;
import java.util.Optional;

import static dev.chatbot.core.dialogue.BotTexts.items;
import static dev.chatbot.core.dialogue.BotTexts.money;

/** Cancels a verified order that has not shipped, after the customer confirms. */
public final class CancelOrderHandler extends OrderHandler {

    static final String CONFIRMATION = "confirmation";

    public CancelOrderHandler(CrmClient crm) {
        super(crm);
    }

    @Override
    public String name() {
        return "cancel_order";
    }

    @Override
    protected TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn) {
        if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.PROCESSING) {
            finish(turn);
            return TurnOutcome.reply(NewMessage.bot(notCancellable(order))).with("status", order.status().wireName());
        }
        if (!CONFIRMATION.equals(form.awaiting)) {
            form.awaiting = CONFIRMATION;
            return TurnOutcome.reply(new NewMessage(dev.chatbot.core.conversation.Role.BOT,
                    "Order " + order.id() + " (" + items(order) + ", " + money(order.total(), order.currency())
                            + ") hasn't shipped yet, so I can cancel it. Shall I cancel it now?",
                    Optional.empty(), Optional.empty(), List.of("Yes, cancel it", "No, keep it"), List.of()))
                    .with("awaiting", CONFIRMATION);
        }
        if (Answers.isYes(turn)) {
            finish(turn);
            try {
                Order cancelled = crm.cancelOrder(order.id());
                return TurnOutcome.reply(NewMessage.bot("Done: order " + cancelled.id() + " is cancelled. "
                        + "If you were charged, " + money(order.total(), order.currency())
                        + " goes back to your original payment method within 5-10 business days."))
                        .with("action", "cancelled");
            } catch (OrderNotCancellableException e) {
                // the order moved on between the check and the request
                Order now = new Order(order.id(), order.customerEmail(), e.status(), order.placedAt(), order.items(),
                        order.total(), order.currency(), order.shippedAt(), order.carrier(), order.trackingNumber(),
                        order.deliveredAt(), order.estimatedDelivery());
                return TurnOutcome.reply(NewMessage.bot("I couldn't cancel it after all. " + notCancellable(now)))
                        .with("action", "cancel_refused");
            } catch (CrmException e) {
                if (e.kind() == CrmException.Kind.UNSUPPORTED) {
                    turn.state().pendingOffer = "human";
                    return TurnOutcome.reply(BotTexts.offerHuman("I can't cancel orders myself in our system."))
                            .with("action", "cancel_unsupported");
                }
                throw e;
            }
        }
        if (Answers.isNo(turn)) {
            finish(turn);
            return TurnOutcome.reply(NewMessage.bot(BotTexts.OKAY_NOTHING_DONE)).with("action", "kept");
        }
        return TurnOutcome.reply(new NewMessage(dev.chatbot.core.conversation.Role.BOT,
                "Just to be sure: shall I cancel order " + order.id() + "? Please answer yes or no.",
                Optional.empty(), Optional.empty(), List.of("Yes, cancel it", "No, keep it"), List.of()))
                .with("awaiting", CONFIRMATION);
    }

    private static String notCancellable(Order order) {
        return switch (order.status()) {
            case SHIPPED -> "Order " + order.id() + " has already shipped, so I can't cancel it any more. When it "
                    + "arrives you can return it within 30 days for a full refund.";
            case DELIVERED -> "Order " + order.id() + " has already been delivered. You can return it within 30 days "
                    + "of delivery; just ask me to start a return.";
            case CANCELLED -> "Order " + order.id() + " is already cancelled.";
            case RETURNED -> "Order " + order.id() + " has already been returned.";
            default -> "Order " + order.id() + " can't be cancelled.";
        };
    }
}
