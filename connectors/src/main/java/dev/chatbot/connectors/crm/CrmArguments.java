package dev.chatbot.connectors.crm;

import dev.chatbot.core.crm.RefundRequest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The argument rules both CRM connectors share, so they refuse and ignore exactly the same things. An id or e-mail
 * address that cannot name anything (blank, absurdly long, control characters, a bare {@code .} or {@code ..}) is
 * simply unknown: no CRM is asked about it. A null or a nonsensical refund is a programming error.
 */
final class CrmArguments {

    static final int MAX_ID_LENGTH = 64;
    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_REASON_LENGTH = 2000;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999.99");

    private CrmArguments() {
    }

    /** Whether this could be an order id at all; throws for null. */
    static boolean plausibleOrderId(String orderId) {
        if (orderId == null) {
            throw new IllegalArgumentException("order id is required");
        }
        return !orderId.isBlank() && orderId.length() <= MAX_ID_LENGTH && !orderId.equals(".")
                && !orderId.equals("..") && orderId.chars().noneMatch(Character::isISOControl);
    }

    /** Whether this could be an e-mail address at all; throws for null. */
    static boolean plausibleEmail(String email) {
        if (email == null) {
            throw new IllegalArgumentException("e-mail address is required");
        }
        String e = email.strip();
        return !e.isEmpty() && e.length() <= MAX_EMAIL_LENGTH && e.chars().noneMatch(Character::isISOControl);
    }

    /** The form e-mail addresses are compared in: surrounding spaces dropped, lower case. */
    static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Refuses a refund request no CRM should be asked about. */
    static void validate(RefundRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("refund request is required");
        }
        plausibleOrderId(request.orderId());
        BigDecimal amount = request.amount();
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("refund amount must be positive, was " + amount);
        }
        if (amount.stripTrailingZeros().scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("refund amount must have at most 2 decimals and 10 digits, was "
                    + amount.toPlainString());
        }
        if (request.currency() == null || !CURRENCY.matcher(request.currency()).matches()) {
            throw new IllegalArgumentException("currency must be three upper-case letters (ISO 4217), was "
                    + request.currency());
        }
        if (request.reason() == null || request.reason().length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("refund reason is required and at most " + MAX_REASON_LENGTH
                    + " characters");
        }
    }
}
