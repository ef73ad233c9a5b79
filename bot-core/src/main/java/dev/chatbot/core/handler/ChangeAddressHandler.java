package dev.chatbot.core.handler;

import dev.chatbot.core.conversation.Escalation;
import dev.chatbot.core.conversation.NewMessage;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.dialogue.BotTexts;
import dev.chatbot.core.dialogue.DialogueState;
import dev.chatbot.core.dialogue.TurnContext;
import dev.chatbot.core.dialogue.TurnOutcome;

/**
 * Change of delivery address for a verified order that has not shipped: the bot collects the new address and hands
 * it to a person (the CRM port has no address change), who confirms in the same conversation.
 */
public final class ChangeAddressHandler extends OrderHandler {

    static final String ADDRESS = "address";
    private static final int MIN_ADDRESS = 12;

    public ChangeAddressHandler(CrmClient crm) {
        super(crm);
    }

    @Override
    public String name() {
        return "change_address";
    }

    @Override
    protected TurnOutcome act(DialogueState.FormState form, Order order, TurnContext turn) {
        if (order.status() != OrderStatus.PENDING && order.status() != OrderStatus.PROCESSING) {
            finish(turn);
            String text = order.status() == OrderStatus.SHIPPED
                    ? "Order " + order.id() + " has already shipped" + order.carrier().map(c -> " with " + c).orElse("")
                    + ", so I can't change the address any more. You can ask the carrier to redirect it"
                    + order.trackingNumber().map(t -> " with tracking number " + t).orElse("") + "."
                    : "Order " + order.id() + " is " + order.status().wireName() + ", so its address can't be changed.";
            return TurnOutcome.reply(NewMessage.bot(text)).with("status", order.status().wireName());
        }
        if (!ADDRESS.equals(form.awaiting)) {
            form.awaiting = ADDRESS;
            return TurnOutcome.reply(NewMessage.bot("Order " + order.id() + " hasn't shipped yet, so the address can "
                    + "still change. What's the new delivery address (street, number, postcode, city, country)?"))
                    .with("awaiting", ADDRESS);
        }
        String address = turn.text().strip();
        if (address.length() < MIN_ADDRESS || !address.matches(".*\\d.*")) {
            form.invalidAnswers++;
            if (form.invalidAnswers >= 3) {
                finish(turn);
                turn.state().pendingOffer = "human";
                return TurnOutcome.fallback(BotTexts.offerHuman(BotTexts.GIVING_UP_ON_SLOT));
            }
            return TurnOutcome.reply(NewMessage.bot("That doesn't look like a full address. Please send street and "
                    + "number, postcode, city and country in one message.")).with("awaiting", ADDRESS);
        }
        finish(turn);
        return TurnOutcome.escalate(new Escalation("address_change", 1,
                        "change delivery address of order " + order.id() + " to: " + address, turn.clock().instant()),
                NewMessage.bot("Thanks. A person from our team will update the address of order " + order.id()
                        + " before it ships and confirm it here."))
                .with("action", "address_change_requested");
    }
}
