package dev.chatbot.nlp.testing;

import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small in-memory training data for unit tests. */
public final class TinyData {

    private TinyData() {
    }

    public static IntentDefinition intent(String name, String... examples) {
        return new IntentDefinition(name, null, Arrays.stream(examples).map(IntentExample::of).toList(), List.of(),
                Optional.empty(), false, SourceRef.MEMORY);
    }

    public static TrainingData intents(IntentDefinition... intents) {
        return new TrainingData(Optional.empty(), List.of(intents), List.of(), List.of(), List.of(), List.of());
    }

    public static TrainingData sentiment(Map<String, List<String>> byLabel) {
        List<SentimentExample> out = new ArrayList<>();
        byLabel.forEach((label, texts) -> texts.forEach(t -> out.add(new SentimentExample(t, label, SourceRef.MEMORY))));
        return new TrainingData(Optional.empty(), List.of(), List.of(), out, List.of(), List.of());
    }

    public static TrainingData faq(FaqEntry... entries) {
        return new TrainingData(Optional.empty(), List.of(), List.of(), List.of(), List.of(entries), List.of());
    }

    public static FaqEntry entry(String id, String topic, String question, List<String> alternatives, String answer) {
        return new FaqEntry(id, topic, question, alternatives, answer, List.of(), SourceRef.MEMORY);
    }

    /** A small shop bot: five intents with ten examples each. */
    public static TrainingData shop() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("order_status", new String[]{"where is my order", "where is my package", "has my order shipped",
                "track my order", "when will my order arrive", "order tracking please", "is my parcel on its way",
                "my order has not arrived", "status of my order", "where's my stuff"});
        m.put("refund_request", new String[]{"i want a refund", "refund my money", "give me my money back",
                "can i get a refund", "how do i get refunded", "i need a refund for my order", "refund please",
                "money back for the broken item", "request a refund", "when do i get my refund"});
        m.put("greet", new String[]{"hello", "hi", "hey there", "good morning", "hi there", "hello bot",
                "good evening", "hey", "hiya", "greetings"});
        m.put("cancel_order", new String[]{"cancel my order", "i want to cancel", "please cancel the order",
                "stop my order", "cancel order now", "can i cancel my purchase", "cancel it", "don't ship my order",
                "i changed my mind cancel", "cancellation of my order"});
        m.put("payment_issue", new String[]{"my card was declined", "payment failed", "i was charged twice",
                "problem with my payment", "card not accepted", "double charge on my card", "paypal payment error",
                "payment did not go through", "why was my card charged", "billing problem"});
        return intents(m.entrySet().stream().map(e -> intent(e.getKey(), e.getValue())).toArray(IntentDefinition[]::new));
    }
}
