package dev.chatbot.core.crm;

import java.util.NoSuchElementException;

/**
 * An operation named an order the CRM does not know. Lookups return an empty {@code Optional} instead; only the
 * operations that change an order ({@link CrmClient#cancelOrder}, {@link CrmClient#requestRefund}) throw this, which
 * after a successful lookup means the order vanished in between.
 */
public class UnknownOrderException extends NoSuchElementException {

    private final String orderId;

    public UnknownOrderException(String orderId) {
        super("unknown order: " + orderId);
        this.orderId = orderId;
    }

    public String orderId() {
        return orderId;
    }
}
