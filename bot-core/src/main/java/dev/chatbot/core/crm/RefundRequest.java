package dev.chatbot.core.crm;

import java.math.BigDecimal;

/** A refund the bot asks the CRM to record. */
public record RefundRequest(String orderId, BigDecimal amount, String currency, String reason) {
}
