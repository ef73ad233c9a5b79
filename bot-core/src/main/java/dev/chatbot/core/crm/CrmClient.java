package dev.chatbot.core.crm;

import java.util.Optional;

/**
 * The shop's CRM. Blocking, with its own time limits; throws {@link CrmException} when it cannot answer (never
 * hangs). Implementations must behave the same: they share one contract test suite.
 *
 * <p>The bot never tells a customer anything about an order before the customer has proved it is theirs; this
 * port does not check that, the handlers do.
 */
public interface CrmClient {

    /** The order with this id, or empty when the CRM does not know it. */
    Optional<Order> findOrder(String orderId);

    /** The customer with this e-mail address, or empty. */
    Optional<Customer> findCustomerByEmail(String email);

    /** Records a refund request. */
    RefundResult requestRefund(RefundRequest request);

    /**
     * Cancels an order that has not shipped (an extension of contracts section 4: {@code POST /orders/{id}/cancel}).
     *
     * @return the order after cancelling
     * @throws CrmException with kind {@code UNSUPPORTED} when the CRM offers no such operation; the bot then hands
     *                      the request to a person
     */
    Order cancelOrder(String orderId);
}
