package dev.chatbot.nlp.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole training-data folder in memory. Sections absent from the folder are empty lists.
 *
 * @param root        the folder it was loaded from, or empty for data built in memory
 * @param intents     intent definitions, sorted by name
 * @param entities    entity definitions, sorted by name
 * @param sentiment   sentiment examples
 * @param faq         FAQ entries, in file order
 * @param faqQueries  FAQ test queries ({@code tests/faq-queries.yml}), normally only in test folders
 */
public record TrainingData(Optional<Path> root, List<IntentDefinition> intents, List<EntityDefinition> entities,
                           List<SentimentExample> sentiment, List<FaqEntry> faq, List<FaqQuery> faqQueries) {

    public TrainingData {
        intents = List.copyOf(intents);
        entities = List.copyOf(entities);
        sentiment = List.copyOf(sentiment);
        faq = List.copyOf(faq);
        faqQueries = List.copyOf(faqQueries);
    }

    public Optional<IntentDefinition> intent(String name) {
        return intents.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Optional<FaqEntry> faqEntry(String id) {
        return faq.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}
