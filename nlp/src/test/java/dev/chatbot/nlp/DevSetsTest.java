package dev.chatbot.nlp;

import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's own FAQ and sentiment dev sets are valid training-data folders. */
class DevSetsTest {

    @Test
    void faq_dev_set_has_forty_entries_and_queries_that_point_at_them() {
        TrainingData d = new TrainingDataLoader().load(Path.of("src/test/resources/faq-dev"));
        assertThat(d.faq()).hasSize(40);
        assertThat(d.faqQueries()).hasSize(120);
        Set<String> ids = d.faq().stream().map(FaqEntry::id).collect(Collectors.toSet());
        for (FaqQuery q : d.faqQueries()) {
            assertThat(ids).as(q.text()).containsAll(q.relevant());
        }
    }

    @Test
    void sentiment_dev_set_has_three_labels_and_no_overlap() {
        TrainingData train = new TrainingDataLoader().load(Path.of("src/test/resources/sentiment-dev/train"));
        TrainingData test = new TrainingDataLoader().load(Path.of("src/test/resources/sentiment-dev/test"));
        assertThat(train.sentiment()).hasSize(135);
        assertThat(test.sentiment()).hasSize(75);
        Set<String> trainTexts = train.sentiment().stream().map(e -> e.text()).collect(Collectors.toSet());
        assertThat(test.sentiment()).noneMatch(e -> trainTexts.contains(e.text()));
    }
}
