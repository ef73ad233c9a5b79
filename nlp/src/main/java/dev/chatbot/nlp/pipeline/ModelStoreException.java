package dev.chatbot.nlp.pipeline;

/** A model version that cannot be saved or loaded; the message names the folder and what is wrong. */
public final class ModelStoreException extends RuntimeException {

    public ModelStoreException(String message) {
        super(message);
    }

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
