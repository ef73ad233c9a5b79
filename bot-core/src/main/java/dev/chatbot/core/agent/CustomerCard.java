package dev.chatbot.core.agent;

import dev.chatbot.core.crm.Customer;
import dev.chatbot.core.crm.Order;

import java.util.List;
import java.util.Optional;

/**
 * What the CRM knows about the customer in a conversation, for the agent's side panel.
 *
 * @param status   {@code found}; {@code not_found} (the CRM has no customer with that e-mail); {@code no_email} (the
 *                 customer gave none); {@code unavailable} (the CRM did not answer; {@code problem} says why) or
 *                 {@code disabled} (no CRM is configured)
 * @param email    the e-mail looked up, if any
 * @param evidence how the e-mail is known: {@code proved} (it matched an order the customer verified in the chat),
 *                 {@code given} (typed into the widget's pre-chat form: not proof) or {@code mentioned} (written in a
 *                 message: not proof)
 * @param customer the customer record when found
 * @param orders   the customer's orders that the CRM returned (orders it failed to return are left out)
 * @param verifiedOrderIds orders the customer proved are theirs in this chat
 * @param problem  a short reason when {@code status} is {@code unavailable}
 */
public record CustomerCard(String status, Optional<String> email, Optional<String> evidence, Optional<Customer> customer,
                           List<Order> orders, List<String> verifiedOrderIds, Optional<String> problem) {

    public CustomerCard {
        orders = List.copyOf(orders);
        verifiedOrderIds = List.copyOf(verifiedOrderIds);
    }

    static CustomerCard without(String status, Optional<String> email, Optional<String> evidence,
                                List<String> verified, Optional<String> problem) {
        return new CustomerCard(status, email, evidence, Optional.empty(), List.of(), verified, problem);
    }
}
