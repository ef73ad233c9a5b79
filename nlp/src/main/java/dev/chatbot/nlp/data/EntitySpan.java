package dev.chatbot.nlp.data;

/**
 * An entity marked inline in an example ({@code [A1B2C3](order_id)}), as offsets into the example's
 * plain text (marks removed).
 *
 * @param type  entity type name
 * @param start start offset, inclusive
 * @param end   end offset, exclusive
 */
public record EntitySpan(String type, int start, int end) {

    public String coveredText(String text) {
        return text.substring(start, end);
    }
}
