package dev.chatbot.nlp;

import java.util.List;
import java.util.Objects;

/**
 * Everything the language layer found in one message.
 *
 * @param text      the text that was analysed (after normalisation of whitespace, before any lower-casing)
 * @param language  ISO 639-1 code of the detected language, or {@code "und"} when undetermined
 * @param intent    the winning intent with its ranking
 * @param entities  entities found, in order of appearance, with normalised values
 * @param sentiment the message's sentiment
 * @param faqHits   best FAQ entries for the message, best first (may be empty)
 */
public record NluResult(
        String text,
        String language,
        IntentPrediction intent,
        List<EntityMention> entities,
        SentimentPrediction sentiment,
        List<FaqHit> faqHits) {

    public NluResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(intent, "intent");
        entities = List.copyOf(entities);
        Objects.requireNonNull(sentiment, "sentiment");
        faqHits = List.copyOf(faqHits);
    }

    /** The first entity of a type, if any. */
    public java.util.Optional<EntityMention> entity(String type) {
        return entities.stream().filter(e -> e.type().equals(type)).findFirst();
    }
}
