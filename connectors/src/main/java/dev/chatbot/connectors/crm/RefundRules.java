package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.OrderStatus;
import dev.chatbot.core.crm.RefundRequest;

import java.math.BigDecimal;

/**
 * How the demo CRM answers a refund request. The bot's own refund rules (return window, automatic limit) decide
 * whether to ask at all; these only stop requests no shop would pay out.
 */
final class RefundRules {

    static final String REQUESTED = "requested";
    static final String REJECTED = "rejected";

    private RefundRules() {
    }

    /**
     * @param refunded the sum of the order's earlier refunds that were not rejected
     * @return {@code rejected} for a cancelled order, another currency, or a refund above what is left of the
     *         total; {@code requested} otherwise
     */
    static String decide(OrderStatus status, BigDecimal total, String currency, BigDecimal refunded,
                         RefundRequest request) {
        if (status == OrderStatus.CANCELLED || !currency.equals(request.currency())
                || refunded.add(request.amount()).compareTo(total) > 0) {
            return REJECTED;
        }
        return REQUESTED;
    }
}
