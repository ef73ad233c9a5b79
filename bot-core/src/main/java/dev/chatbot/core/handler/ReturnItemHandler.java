package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

/** Starts a return for a verified order delivered inside the return window, and explains the steps. */
public final class ReturnItemHandler extends OrderHandler {

    public ReturnItemHandler(CrmClient crm) {
        super(crm);
    }

    @Override
    public String name() {
        return "return_item";
    }

    @Override
    protected TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn) {
        finish(turn);
        int days = turn.config().returnWindowDays();
        if (ReturnWindow.isOpen(order, days, turn.clock())) {
            String email = turn.state().verifiedOrders.getOrDefault(order.id(), order.customerEmail());
            return TurnOutcome.reply(NewMessage.bot("You can return order " + order.id() + ". We'll e-mail a prepaid "
                    + "return label to " + BotTexts.maskEmail(email) + " within one business day. Pack the items with "
                    + "the label on the box and drop it at any " + order.carrier().orElse("carrier") + " point. Your "
                    + "refund goes back to your original payment method within 5-10 business days of the return "
                    + "arriving.")).with("eligible", true);
        }
        String text = switch (order.status()) {
            case PENDING, PROCESSING -> "Order " + order.id() + " hasn't shipped yet; I can cancel it instead if you "
                    + "no longer want it. Just say \"cancel my order\".";
            case SHIPPED -> "Order " + order.id() + " is still on its way. Once it arrives you have " + days
                    + " days to return it.";
            case DELIVERED -> "Order " + order.id() + " was delivered more than " + days + " days ago, which is "
                    + "outside our return window. If something is faulty, it may be covered by the warranty.";
            case CANCELLED -> "Order " + order.id() + " was cancelled, so there's nothing to return.";
            case RETURNED -> "Order " + order.id() + " has already been returned.";
        };
        return TurnOutcome.reply(NewMessage.bot(text)).with("eligible", false);
    }
}
