package dev.chatbot.connectors.admin;

import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HoldOutTest {

    private static IntentDefinition intent(String name, int examples) {
        List<IntentExample> ex = IntStream.range(0, examples).mapToObj(i -> IntentExample.of(name + " example " + i)).toList();
        return new IntentDefinition(name, "", ex, List.of(), Optional.empty(), false, SourceRef.MEMORY);
    }

    private static TrainingData data() {
        List<SentimentExample> sentiment = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sentiment.add(new SentimentExample("bad " + i, "negative", SourceRef.MEMORY));
            sentiment.add(new SentimentExample("fine " + i, "neutral", SourceRef.MEMORY));
        }
        List<FaqEntry> faq = List.of(
                new FaqEntry("a", "t", "Question a?", List.of("a one", "a two", "a three"), "A.", List.of(), SourceRef.MEMORY),
                new FaqEntry("b", "t", "Question b?", List.of("b one"), "B.", List.of(), SourceRef.MEMORY));
        return new TrainingData(Optional.empty(), List.of(intent("big", 50), intent("small", 5), intent("tiny", 3)),
                List.of(), sentiment, faq, List.of());
    }

    @Test
    void every_intent_and_label_gives_the_same_share_and_keeps_enough_to_train() {
        HoldOut.Split s = HoldOut.split(data(), 0.2, 42);
        assertThat(s.test().intent("big").orElseThrow().examples()).hasSize(10);
        assertThat(s.train().intent("big").orElseThrow().examples()).hasSize(40);
        assertThat(s.test().intent("small").orElseThrow().examples()).hasSize(1);
        assertThat(s.train().intent("small").orElseThrow().examples()).hasSize(4);
        assertThat(s.test().intent("tiny")).as("too few to spare any").isEmpty();
        assertThat(s.train().intent("tiny").orElseThrow().examples()).hasSize(3);
        assertThat(s.test().sentiment().stream().filter(e -> e.label().equals("negative"))).hasSize(6);
        assertThat(s.test().sentiment().stream().filter(e -> e.label().equals("neutral"))).hasSize(6);
        assertThat(s.train().sentiment()).hasSize(48);
    }

    @Test
    void held_out_examples_are_never_trained_on_and_the_split_repeats() {
        HoldOut.Split s = HoldOut.split(data(), 0.2, 42);
        List<String> held = s.test().intent("big").orElseThrow().examples().stream().map(IntentExample::text).toList();
        assertThat(s.train().intent("big").orElseThrow().examples().stream().map(IntentExample::text)).doesNotContainAnyElementsOf(held);
        assertThat(HoldOut.split(data(), 0.2, 42).test().intent("big").orElseThrow().examples()).map(IntentExample::text)
                .containsExactlyElementsOf(held);
    }

    @Test
    void one_phrasing_of_each_faq_entry_with_several_becomes_a_query_for_it() {
        HoldOut.Split s = HoldOut.split(data(), 0.2, 42);
        assertThat(s.test().faqQueries()).singleElement().satisfies(q -> {
            assertThat(q.relevant()).containsExactly("a");
            assertThat(q.text()).startsWith("a ");
            assertThat(s.train().faqEntry("a").orElseThrow().alternatives()).hasSize(2).doesNotContain(q.text());
        });
        assertThat(s.train().faqEntry("b").orElseThrow().alternatives()).containsExactly("b one");
    }
}
