package dev.chatbot.connectors.admin;

import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A stratified hold-out for bots without a {@code test-set/} folder: from every intent and every sentiment label the
 * same share of examples is kept apart (never so many that fewer than {@link #MIN_KEPT} stay for training), and from
 * every FAQ entry with at least two alternative phrasings one phrasing becomes a test query for that entry. The split
 * is seeded, so the same data always splits the same way.
 */
final class HoldOut {

    /** Examples an intent or label keeps for training at least. */
    static final int MIN_KEPT = 4;

    private HoldOut() {
    }

    /** The data to train on and the data kept apart to measure on. */
    record Split(TrainingData train, TrainingData test) {
    }

    static Split split(TrainingData data, double fraction, long seed) {
        List<IntentDefinition> trainIntents = new ArrayList<>();
        List<IntentDefinition> testIntents = new ArrayList<>();
        for (IntentDefinition intent : data.intents()) {
            List<IntentExample> examples = new ArrayList<>(intent.examples());
            int k = count(examples.size(), fraction);
            Collections.shuffle(examples, new Random(seed ^ intent.name().hashCode()));
            List<IntentExample> held = examples.subList(0, k);
            List<IntentExample> kept = examples.subList(k, examples.size());
            trainIntents.add(new IntentDefinition(intent.name(), intent.description(), kept, intent.replies(),
                    intent.handler(), intent.escalate(), intent.source()));
            if (k > 0) {
                testIntents.add(new IntentDefinition(intent.name(), intent.description(), List.copyOf(held),
                        intent.replies(), intent.handler(), intent.escalate(), intent.source()));
            }
        }
        Map<String, List<SentimentExample>> byLabel = new LinkedHashMap<>();
        data.sentiment().forEach(s -> byLabel.computeIfAbsent(s.label(), l -> new ArrayList<>()).add(s));
        List<SentimentExample> trainSentiment = new ArrayList<>();
        List<SentimentExample> testSentiment = new ArrayList<>();
        byLabel.forEach((label, examples) -> {
            List<SentimentExample> shuffled = new ArrayList<>(examples);
            Collections.shuffle(shuffled, new Random(seed ^ label.hashCode()));
            int k = count(examples.size(), fraction);
            List<SentimentExample> held = shuffled.subList(0, k);
            testSentiment.addAll(held);
            trainSentiment.addAll(shuffled.subList(k, shuffled.size()));
        });
        List<FaqEntry> trainFaq = new ArrayList<>();
        List<FaqQuery> queries = new ArrayList<>();
        Random faqRandom = new Random(seed);
        for (FaqEntry e : data.faq()) {
            if (e.alternatives().size() < 2) {
                trainFaq.add(e);
                continue;
            }
            int pick = faqRandom.nextInt(e.alternatives().size());
            List<String> kept = new ArrayList<>(e.alternatives());
            String held = kept.remove(pick);
            trainFaq.add(new FaqEntry(e.id(), e.topic(), e.question(), kept, e.answer(), e.tags(), e.source()));
            queries.add(new FaqQuery(held, List.of(e.id()), e.source()));
        }
        TrainingData train = new TrainingData(data.root(), trainIntents, data.entities(), trainSentiment, trainFaq,
                List.of());
        TrainingData test = new TrainingData(Optional.empty(), testIntents, List.of(), testSentiment, List.of(), queries);
        return new Split(train, test);
    }

    private static int count(int n, double fraction) {
        if (n <= MIN_KEPT) {
            return 0;
        }
        return Math.min(n - MIN_KEPT, Math.max(1, (int) Math.round(n * fraction)));
    }
}
