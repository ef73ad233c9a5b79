package dev.chatbot.nlp.data;

/**
 * Where a piece of training data came from.
 *
 * @param file path relative to the training-data folder, with forward slashes ({@code intents/shop/order_status.yml})
 * @param line 1-based line number, or 0 when unknown (data created in memory)
 */
public record SourceRef(String file, int line) {

    public static final SourceRef MEMORY = new SourceRef("<memory>", 0);

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
