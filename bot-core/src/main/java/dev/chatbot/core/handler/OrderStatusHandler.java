package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

import static dev.chatbot.core.dialogue.BotTexts.day;
import static dev.chatbot.core.dialogue.BotTexts.items;
import static dev.chatbot.core.dialogue.BotTexts.money;

/** "Where is my order?": status, carrier and tracking, estimated delivery and items of a verified order. */
public final class OrderStatusHandler extends OrderHandler {

    public OrderStatusHandler(CrmClient crm) {
        super(crm);
    }

    @Override
    public String name() {
        return "order_status";
    }

    @Override
    protected TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn) {
        finish(turn);
        return TurnOutcome.reply(NewMessage.bot(describe(order))).with("status", order.status().wireName());
    }

    /** One paragraph about where an order is. */
    public static String describe(Order order) {
        String head = "Order " + order.id() + " (" + items(order) + ", " + money(order.total(), order.currency()) + ")";
        return switch (order.status()) {
            case PENDING -> head + " was placed on " + day(order.placedAt())
                    + " and is waiting to be processed. Orders usually ship within 1-2 business days.";
            case PROCESSING -> head + " is being packed and should ship within 1-2 business days"
                    + order.estimatedDelivery().map(d -> "; estimated delivery " + day(d)).orElse("") + ".";
            case SHIPPED -> head + " shipped" + order.shippedAt().map(t -> " on " + day(t)).orElse("")
                    + order.carrier().map(c -> " with " + c).orElse("")
                    + order.trackingNumber().map(t -> ", tracking number " + t).orElse("")
                    + order.estimatedDelivery().map(d -> ". Estimated delivery: " + day(d)).orElse("") + ".";
            case DELIVERED -> head + " was delivered" + order.deliveredAt().map(t -> " on " + day(t)).orElse("")
                    + order.carrier().map(c -> " by " + c).orElse("") + ".";
            case CANCELLED -> head + " was cancelled. If you paid already, the refund goes back to your original "
                    + "payment method within 5-10 business days.";
            case RETURNED -> head + " was returned to us. The refund goes back to your original payment method within "
                    + "5-10 business days of the return arriving.";
        };
    }
}
