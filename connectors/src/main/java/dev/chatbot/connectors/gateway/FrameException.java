package dev.chatbot.connectors.gateway;

/** A client frame that cannot be accepted; becomes an {@code error} frame with this code. */
public final class FrameException extends Exception {

    private final String code;

    public FrameException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
