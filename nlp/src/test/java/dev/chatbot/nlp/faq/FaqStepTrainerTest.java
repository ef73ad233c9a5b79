package dev.chatbot.nlp.faq;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.testing.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaqStepTrainerTest {

    private static final HashedNgramSentenceEncoder ENCODER = new HashedNgramSentenceEncoder(256);
    private static final StepContext CONTEXT = new StepContext(ENCODER, Map.of(), Progress.NONE, 1);

    private static TrainingData faq() {
        return TinyData.faq(
                TinyData.entry("shipping-times", "shipping", "How long does shipping take?",
                        List.of("when will my parcel arrive", "delivery time"), "Standard shipping takes 3-5 business days."),
                TinyData.entry("returns-window", "returns", "How many days do I have to return an item?",
                        List.of("return policy"), "You can return items within 30 days."),
                TinyData.entry("payment-methods", "payment", "Which payment methods do you accept?",
                        List.of("can I pay with PayPal"), "We accept cards, PayPal and bank transfer."),
                TinyData.entry("account-password", "account", "How do I reset my password?",
                        List.of("forgot my password"), "Use the Forgot password link on the sign-in page."));
    }

    private static List<FaqHit> hits(FaqStep step, String text) {
        Analysis a = new Analysis(text, ENCODER);
        step.apply(a);
        return a.faqHits();
    }

    @Test
    void finds_the_entry_of_a_reworded_question() {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        assertThat(hits(step, "when does my parcel arrive").get(0).id()).isEqualTo("shipping-times");
        assertThat(hits(step, "i forgot the password").get(0).id()).isEqualTo("account-password");
        assertThat(hits(step, "do you take paypal").get(0).id()).isEqualTo("payment-methods");
    }

    @Test
    void hits_are_one_per_entry_with_scores_in_zero_to_one_best_first() {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        List<FaqHit> h = hits(step, "how long until my parcel arrives, what is the delivery time");
        assertThat(h).extracting(FaqHit::id).doesNotHaveDuplicates();
        assertThat(h).allSatisfy(x -> assertThat(x.score()).isBetween(0.0, 1.0));
        assertThat(h.get(0).answer()).contains("3-5 business days");
        assertThat(h.get(0).topic()).isEqualTo("shipping");
    }

    @Test
    void a_paraphrase_scores_higher_than_an_unrelated_question() {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        double paraphrase = hits(step, "what is your return policy").get(0).score();
        List<FaqHit> unrelated = hits(step, "who won the football match yesterday");
        double best = unrelated.isEmpty() ? 0 : unrelated.get(0).score();
        assertThat(paraphrase).isGreaterThan(0.5).isGreaterThan(best + 0.3);
    }

    @Test
    void every_ranking_mode_works() {
        for (String mode : new String[]{"bm25", "vector", "hybrid", "rrf"}) {
            FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT.withSettings(Map.of("ranking", mode)));
            assertThat(hits(step, "return policy")).as(mode).isNotEmpty();
            assertThat(hits(step, "return policy").get(0).id()).as(mode).isEqualTo("returns-window");
        }
    }

    @Test
    void saved_index_loads_and_answers_the_same(@TempDir Path dir) throws IOException {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        step.save(dir);
        try (FaqStep loaded = (FaqStep) new FaqStepTrainer().load(dir, CONTEXT)) {
            assertThat(hits(loaded, "forgot my password")).isEqualTo(hits(step, "forgot my password"));
        }
    }

    @Test
    void loading_fails_clearly_on_encoder_mismatch_or_corruption(@TempDir Path dir) throws IOException {
        new FaqStepTrainer().train(faq(), CONTEXT).save(dir);
        StepContext other = new StepContext(new HashedNgramSentenceEncoder(64), Map.of(), Progress.NONE, 1);
        assertThatThrownBy(() -> new FaqStepTrainer().load(dir, other)).isInstanceOf(IOException.class)
                .hasMessageContaining("retrain");
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            for (Path f : files.toList()) {
                Files.write(f, new byte[]{0, 1, 2, 3});
            }
        }
        assertThatThrownBy(() -> new FaqStepTrainer().load(dir, CONTEXT)).isInstanceOf(IOException.class)
                .hasMessageContaining("index");
    }

    @Test
    void rebuild_swaps_the_index_while_searches_continue(@TempDir Path dir) throws Exception {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> searches = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                searches.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 300; i++) {
                        n += step.search("return policy", 3).isEmpty() ? 0 : 1;
                    }
                    return n;
                }));
            }
            List<FaqEntry> fresh = new ArrayList<>(faq().faq());
            fresh.add(TinyData.entry("gift-cards", "stores", "Do you sell gift cards?", List.of("gift voucher"),
                    "Gift cards from 10 to 500 EUR."));
            step.rebuild(fresh, dir);
            for (Future<Integer> f : searches) {
                assertThat(f.get()).isEqualTo(300);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(step.search("buy a gift voucher", 1).get(0).id()).isEqualTo("gift-cards");
        try (FaqStep reloaded = (FaqStep) new FaqStepTrainer().load(dir, CONTEXT)) {
            assertThat(reloaded.meta().entries()).isEqualTo(5);
        }
    }

    @Test
    void odd_input_and_empty_faq_give_no_hits_not_errors() {
        FaqStep step = (FaqStep) new FaqStepTrainer().train(faq(), CONTEXT);
        for (String s : new String[]{"", "   ", "\u0000", "😡😡", "the ".repeat(10_000), "AND OR NOT \"*?:[", "x".repeat(100_000)}) {
            assertThat(hits(step, s)).isNotNull();
        }
        FaqStep empty = (FaqStep) new FaqStepTrainer().train(TinyData.faq(), CONTEXT);
        assertThat(hits(empty, "return policy")).isEmpty();
    }
}
