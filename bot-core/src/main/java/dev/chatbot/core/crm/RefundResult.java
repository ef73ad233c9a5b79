package dev.chatbot.core.crm;

/** The CRM's answer to a refund request; {@code status} is {@code requested}, {@code approved} or {@code rejected}. */
public record RefundResult(String refundId, String status) {
}
