package dev.chatbot.connectors.llm;

import dev.chatbot.connectors.config.LlmConfig;
import dev.chatbot.core.dialogue.PartialSink;
import dev.chatbot.core.llm.FallbackRequest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared fixtures for the LLM tests: a fast configuration, FAQ-like passages and a recording partial sink. */
final class LlmTestKit {

    static final FallbackRequest.Passage SHIPPING = new FallbackRequest.Passage("shipping-times",
            "How long does delivery take?",
            "Standard delivery takes 3-5 business days and express delivery 1-2 business days. We e-mail you a "
                    + "tracking link as soon as the parcel leaves our warehouse.");
    static final FallbackRequest.Passage RETURNS = new FallbackRequest.Passage("returns-window",
            "How long do I have to return an item?",
            "You can return unworn items within 30 days of delivery. Start the return from your account; the "
                    + "return label costs 4.95 EUR and is deducted from the refund.");
    static final FallbackRequest.Passage DAMAGED = new FallbackRequest.Passage("damaged-item",
            "My item arrived damaged, what now?",
            "Send us a photo of the damage within 14 days and we will send a free replacement or refund the item.");

    private LlmTestKit() {
    }

    /** Limits small enough that no test waits more than a couple of seconds. */
    static LlmConfig config(String baseUrl) {
        LlmConfig c = new LlmConfig();
        c.setBaseUrl(baseUrl);
        c.setModel(FakeOllamaServer.MODEL);
        c.setShopName("Fernhill Outfitters");
        c.setConnectTimeout(Duration.ofMillis(500));
        c.setFirstTokenTimeout(Duration.ofMillis(1500));
        c.setTotalTimeout(Duration.ofSeconds(3));
        c.setProbeInterval(Duration.ofMillis(150));
        c.setMaxQueueWait(Duration.ofSeconds(3));
        return c;
    }

    static FallbackRequest ask(String question, FallbackRequest.Passage... passages) {
        return new FallbackRequest(question, List.of(), List.of(passages));
    }

    /** Records every delta with the time it arrived. */
    static final class RecordingSink implements PartialSink {
        record Delta(String text, long nanos) {
        }

        final List<Delta> deltas = new CopyOnWriteArrayList<>();

        @Override
        public void delta(String text) {
            deltas.add(new Delta(text, System.nanoTime()));
        }

        String joined() {
            StringBuilder out = new StringBuilder();
            deltas.forEach(d -> out.append(d.text()));
            return out.toString();
        }

        List<String> texts() {
            return deltas.stream().map(Delta::text).toList();
        }
    }
}
