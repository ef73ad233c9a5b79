package dev.chatbot.core.agent;

import dev.chatbot.core.conversation.Conversation;
import dev.chatbot.core.conversation.Message;
import dev.chatbot.core.conversation.Role;
import dev.chatbot.core.crm.CrmClient;
import dev.chatbot.core.crm.CrmException;
import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;
import dev.chatbot.core.dialogue.DialogueState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the customer's card for the agent: finds which e-mail address belongs to the conversation (preferring one the
 * customer proved by verifying an order, then the one given in the widget, then one written in a message), asks the CRM
 * for that customer and their orders, and says how much the address can be trusted. CRM failures give a card that
 * says so instead of an error: the agent can still answer the chat.
 */
public final class CustomerCards {

    /** At most this many orders are fetched for one card (the newest ids the CRM lists). */
    static final int MAX_ORDERS = 10;

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]{1,64}@[A-Za-z0-9.\\-]{1,253}\\.[A-Za-z]{2,63}");

    private final Optional<CrmClient> crm;

    /** @param crm the shop's CRM, or empty when none is configured */
    public CustomerCards(Optional<CrmClient> crm) {
        this.crm = crm;
    }

    /**
     * @param dialogueState the dialogue engine's memory of the conversation (JSON), which lists the verified orders
     * @param messages      the conversation's messages, for addresses the customer wrote
     */
    public CustomerCard lookup(Conversation conversation, Optional<String> dialogueState, List<Message> messages) {
        DialogueState state = DialogueState.read(dialogueState.orElse(null));
        List<String> verifiedOrders = List.copyOf(state.verifiedOrders.keySet());
        Optional<String> email = Optional.empty();
        Optional<String> evidence = Optional.empty();
        if (!state.verifiedOrders.isEmpty()) {
            email = Optional.of(lastOf(state.verifiedOrders.values()));
            evidence = Optional.of("proved");
        } else if (conversation.customerEmail().isPresent()) {
            email = conversation.customerEmail();
            evidence = Optional.of("given");
        } else {
            email = mentioned(messages);
            evidence = email.map(e -> "mentioned");
        }
        email = email.map(e -> e.strip().toLowerCase(Locale.ROOT));
        if (crm.isEmpty()) {
            return CustomerCard.without("disabled", email, evidence, verifiedOrders, Optional.empty());
        }
        if (email.isEmpty() && verifiedOrders.isEmpty()) {
            return CustomerCard.without("no_email", email, evidence, verifiedOrders, Optional.empty());
        }
        try {
            Optional<Customer> customer = email.isPresent() ? crm.get().findCustomerByEmail(email.get()) : Optional.empty();
            Set<String> ids = new LinkedHashSet<>(verifiedOrders);
            customer.ifPresent(c -> {
                List<String> all = c.orderIds();
                ids.addAll(all.subList(Math.max(0, all.size() - MAX_ORDERS), all.size()));
            });
            List<Order> orders = new ArrayList<>();
            for (String id : ids) {
                if (orders.size() >= MAX_ORDERS) {
                    break;
                }
                crm.get().findOrder(id).ifPresent(orders::add);
            }
            orders.sort((a, b) -> b.placedAt().compareTo(a.placedAt()));
            String status = customer.isPresent() || !orders.isEmpty() ? "found" : "not_found";
            return new CustomerCard(status, email, evidence, customer, orders, verifiedOrders, Optional.empty());
        } catch (CrmException e) {
            return CustomerCard.without("unavailable", email, evidence, verifiedOrders,
                    Optional.of(e.kind().name().toLowerCase(Locale.ROOT)));
        }
    }

    private static Optional<String> mentioned(List<Message> messages) {
        Optional<String> found = Optional.empty();
        for (Message m : messages) {
            if (m.role() == Role.CUSTOMER) {
                Matcher matcher = EMAIL.matcher(m.text());
                while (matcher.find()) {
                    found = Optional.of(matcher.group());
                }
            }
        }
        return found;
    }

    private static String lastOf(Iterable<String> values) {
        String last = null;
        for (String v : values) {
            last = v;
        }
        return last;
    }
}
