package dev.chatbot.core.crm;

/**
 * The CRM refused to cancel an order because it is past the point where cancelling is possible (shipped, delivered,
 * already cancelled or returned). An {@link IllegalStateException}, so a handler that only knows "the order moved
 * on" can catch that; {@link #status()} says where the order is now.
 */
public class OrderNotCancellableException extends IllegalStateException {

    private final String orderId;
    private final OrderStatus status;

    public OrderNotCancellableException(String orderId, OrderStatus status) {
        super("order " + orderId + " cannot be cancelled: it is " + status.wireName());
        this.orderId = orderId;
        this.status = status;
    }

    public String orderId() {
        return orderId;
    }

    /** The order's status at the time of the refusal. */
    public OrderStatus status() {
        return status;
    }
}
