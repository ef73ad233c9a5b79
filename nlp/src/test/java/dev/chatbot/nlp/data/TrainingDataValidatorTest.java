package dev.chatbot.nlp.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingDataValidatorTest {

    @TempDir
    Path dir;

    private List<String> problems(TrainingDataValidator.Options options) {
        return new TrainingDataValidator(options).validate(dir).problems().stream()
                .map(ValidationProblem::toString).toList();
    }

    private List<String> problems() {
        return problems(TrainingDataValidator.Options.DEFAULT);
    }

    private DataFolder folder() {
        return new DataFolder(dir);
    }

    @Test
    void clean_folder_has_no_problems() {
        folder().intent("greet", "hi", "hello", "hey there", "good morning", "howdy")
                .intent("bye", "bye", "goodbye", "see you", "ciao", "later")
                .sentiment("negative", "awful", "terrible");
        assertThat(problems()).isEmpty();
    }

    @Test
    void same_example_in_two_intents_is_an_error_naming_both_places() {
        folder().intent("greet", "hi", "hello", "hey there", "good morning", "howdy")
                .intent("bye", "bye", "Hello", "see you", "ciao", "later");
        assertThat(problems()).containsExactly("intents/greet.yml:5: error: example 'hello' is in intent 'greet'"
                + " and in intent 'bye' (intents/bye.yml:5)");
    }

    @Test
    void duplicate_within_one_intent_is_a_warning() {
        folder().intent("greet", "hi", "hello", "hey there", "good  morning", "good morning", "howdy");
        assertThat(problems()).singleElement().asString()
                .startsWith("intents/greet.yml:8: warning: duplicate example 'good morning' in intent 'greet'");
    }

    @Test
    void duplicate_intent_names_across_sub_folders() {
        folder().file("intents/a/greet.yml", "version: 1\nintent: greet\nexamples: [hi, hello, hey, yo, howdy]\n")
                .file("intents/b/greet.yml", "version: 1\nintent: greet\nexamples: [hiya, morning, evening, sup, hullo]\n");
        assertThat(problems()).singleElement().asString()
                .isEqualTo("intents/b/greet.yml:2: error: duplicate intent 'greet' (also defined in intents/a/greet.yml:2)");
    }

    @Test
    void too_few_examples_is_an_error_below_two_and_a_warning_below_five() {
        folder().intent("one", "only one").intent("three", "a b", "c d", "e f");
        assertThat(problems()).containsExactly(
                "intents/one.yml:2: error: intent 'one' has 1 example; at least 2 are needed",
                "intents/three.yml:2: warning: intent 'three' has only 3 examples; 5 or more give a better model");
        assertThat(problems(new TrainingDataValidator.Options(null, 1, 1, Set.of()))).isEmpty();
        assertThat(problems(TrainingDataValidator.Options.TEST_FOLDER)).isEmpty();
    }

    @Test
    void unknown_handler_only_when_handlers_are_given() {
        folder().file("intents/order_status.yml", "version: 1\nintent: order_status\nhandler: order_lookup\n"
                + "examples: [where is my order, has it shipped, tracking please, order status, my parcel]\n");
        assertThat(problems()).isEmpty();
        assertThat(problems(TrainingDataValidator.Options.DEFAULT.withKnownHandlers(Set.of("order_status", "refund"))))
                .containsExactly("intents/order_status.yml:2: error: unknown handler 'order_lookup' (known: order_status, refund)");
    }

    @Test
    void out_of_scope_cannot_have_handler_or_replies() {
        folder().file("intents/out_of_scope.yml", "version: 1\nintent: out_of_scope\nhandler: foo\nreplies: [no]\n"
                + "examples: [what is the weather, sing a song, who won the match, tell me a joke, what is love]\n");
        assertThat(problems()).containsExactly(
                "intents/out_of_scope.yml:2: error: out_of_scope cannot have a handler: it means none of the bot's intents",
                "intents/out_of_scope.yml:2: error: out_of_scope cannot have replies: the dialogue layer answers out-of-scope messages");
    }

    @Test
    void mark_types_are_free_without_entities_folder_and_checked_with_one() {
        folder().intent("order", "where is [A1](order_id)", "ship to [Paris](city)", "a b", "c d", "e f");
        assertThat(problems()).isEmpty();
        folder().file("entities/country.yml", "version: 1\nentity: country\nvalues: [france]\n");
        assertThat(problems()).singleElement().asString()
                .startsWith("intents/order.yml:5: error: unknown entity type 'city': define it in entities/city.yml");
    }

    @Test
    void duplicate_faq_ids_across_files_and_unknown_query_ids() {
        folder().file("faq/a.yml", "version: 1\ntopic: a\nentries:\n  - id: x\n    question: q\n    answer: a\n")
                .file("faq/b.yml", "version: 1\ntopic: b\nentries:\n  - id: x\n    question: q2\n    answer: a2\n")
                .file("tests/faq-queries.yml", "version: 1\nqueries:\n  - text: hi\n    relevant: [x, y]\n");
        assertThat(problems()).containsExactly(
                "faq/b.yml:4: error: duplicate FAQ id 'x' (also at faq/a.yml:4)",
                "tests/faq-queries.yml:3: error: FAQ query names unknown entry id 'y'");
    }

    @Test
    void faq_queries_alone_are_not_checked_against_ids() {
        folder().file("tests/faq-queries.yml", "version: 1\nqueries:\n  - text: hi\n    relevant: [y]\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void same_sentiment_example_under_two_labels_is_an_error() {
        folder().sentiment("negative", "meh", "awful").sentiment("neutral", "MEH", "ok");
        assertThat(problems()).containsExactly(
                "sentiment/neutral.yml:4: error: sentiment example is labelled 'neutral' here and 'negative' at sentiment/negative.yml:4");
    }

    @Test
    void warnings_alone_do_not_fail() {
        folder().intent("greet", "hi", "hello", "hey");
        LoadResult r = new TrainingDataValidator().validate(dir);
        assertThat(r.problems()).hasSize(1);
        assertThat(r.hasErrors()).isFalse();
        assertThat(new TrainingDataValidator().load(dir).intents()).hasSize(1);
    }
}
