package dev.chatbot.core.crm;

import java.util.Optional;

/**
 * The shop's CRM. Blocking, with its own time limits; throws {@link CrmException} when it cannot answer (never
 * hangs). Implementations must behave the same: they share one contract test suite.
 *
 * <p>The bot never tells a customer anything about an order before the customer has proved it is theirs; this
 * port does not check that, the handlers do.
 *
 * <p>Ids and e-mail addresses are data, never syntax: an order id such as {@code ' OR 1=1 --} or {@code ../admin}
 * is simply an order the CRM does not know. Arguments that cannot be meant seriously (null, a refund of zero or
 * less, a currency that is not three letters) are refused with an {@link IllegalArgumentException} before the CRM
 * is asked.
 */
public interface CrmClient {

    /** The order with this id, or empty when the CRM does not know it. Ids are compared exactly. */
    Optional<Order> findOrder(String orderId);

    /** The customer with this e-mail address (compared without regard to case), or empty. */
    Optional<Customer> findCustomerByEmail(String email);

    /**
     * Records a refund request. The CRM decides: {@code requested} (recorded for payment), {@code approved}, or
     * {@code rejected} (for example a refund for a cancelled order, in another currency than the order's, or one
     * that would take the refunds of an order above its total); a rejected request still has a reference.
     *
     * @throws UnknownOrderException when the CRM does not know the order
     */
    RefundResult requestRefund(RefundRequest request);

    /**
     * Cancels an order that has not shipped (an extension of contracts section 4: {@code POST /orders/{id}/cancel}).
     * Only {@code pending} and {@code processing} orders can be cancelled; the check and the change are one step in
     * the CRM, so an order that moves on to shipping meanwhile is refused, not cancelled.
     *
     * @return the order after cancelling (status {@code cancelled})
     * @throws OrderNotCancellableException (an {@link IllegalStateException}) when the order is past cancelling;
     *                                      it carries the order's current status
     * @throws UnknownOrderException        when the CRM does not know the order
     * @throws CrmException                 with kind {@code UNSUPPORTED} when the CRM offers no such operation; the
     *                                      bot then hands the request to a person
     */
    Order cancelOrder(String orderId);
}
