package dev.chatbot.trainingdata;

import dev.chatbot.core.handler.Handlers;
import dev.chatbot.core.testkit.ConversationScript;
import dev.chatbot.nlp.data.LoadResult;
import dev.chatbot.nlp.data.TrainingDataValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The default bot's folder, its test set and its conversation tests load with the real loaders, without problems. */
class DefaultBotDataTest {

    static final Path DATA = Path.of(".").toAbsolutePath().normalize();
    static final Path TEST_SET = DATA.resolve("test-set");

    @Test
    void the_training_folder_is_valid_with_the_servers_handlers() {
        LoadResult r = new TrainingDataValidator(TrainingDataValidator.Options.DEFAULT.withKnownHandlers(Handlers.names()))
                .validate(DATA);
        assertThat(r.problems()).as("problems in " + DATA).isEmpty();
        assertThat(r.data().intents()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(r.data().intents()).allSatisfy(i -> assertThat(i.examples()).as(i.name()).hasSizeGreaterThanOrEqualTo(40));
        assertThat(r.data().faq()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(r.data().faq().stream().map(f -> f.topic()).distinct().count()).isGreaterThanOrEqualTo(8);
        assertThat(r.data().sentiment()).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void the_test_set_is_valid_and_apart_from_the_training_examples() {
        LoadResult train = new TrainingDataValidator().validate(DATA);
        LoadResult test = new TrainingDataValidator(TrainingDataValidator.Options.TEST_FOLDER).validate(TEST_SET);
        assertThat(test.problems().stream().filter(p -> p.isError())).as("errors in " + TEST_SET).isEmpty();
        var trainTexts = train.data().intents().stream().flatMap(i -> i.examples().stream())
                .map(e -> e.text().toLowerCase(java.util.Locale.ROOT).strip()).collect(java.util.stream.Collectors.toSet());
        var leaked = test.data().intents().stream().flatMap(i -> i.examples().stream())
                .map(e -> e.text().toLowerCase(java.util.Locale.ROOT).strip()).filter(trainTexts::contains).toList();
        assertThat(leaked).as("test examples that are also training examples").isEmpty();
        assertThat(test.data().faqQueries()).hasSizeGreaterThanOrEqualTo(100);
    }

    @Test
    void every_conversation_test_loads() throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve("tests/conversations"))) {
            var scripts = files.filter(p -> p.toString().endsWith(".yml")).map(ConversationScript::load).toList();
            assertThat(scripts).hasSizeGreaterThanOrEqualTo(25);
            assertThat(scripts).allSatisfy(s -> assertThat(s.steps()).isNotEmpty());
        }
    }
}
