package dev.chatbot.core.port;

/** The conversation store could not be reached or failed; nothing was stored by the failed call. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
