package dev.chatbot.core.crm;

/**
 * The CRM could not answer: unreachable, timed out, refused our credentials, or answered with something we cannot
 * read. The message is for logs; customers get a fixed, friendly text instead.
 */
public class CrmException extends RuntimeException {

    /** What went wrong, for choosing what to tell the customer. */
    public enum Kind { UNAVAILABLE, TIMEOUT, UNAUTHORIZED, BAD_RESPONSE, UNSUPPORTED }

    private final Kind kind;

    public CrmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public CrmException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
