package dev.chatbot.nlp.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingDataLoaderTest {

    @TempDir
    Path dir;

    private final TrainingDataLoader loader = new TrainingDataLoader();

    private DataFolder folder() {
        return new DataFolder(dir);
    }

    private List<String> problems(Path root) {
        return loader.read(root).problems().stream().map(ValidationProblem::toString).toList();
    }

    @Test
    void reads_every_section_with_file_and_line() {
        folder().file("intents/shop/order_status.yml", """
                version: 1
                intent: order_status
                description: Customer asks where an order is
                examples:
                  - where is my order [A1B2C3](order_id)
                  - has my package shipped yet
                handler: order_status
                """)
                .file("intents/greet.yml", """
                version: 1
                intent: greet
                examples: [hi, hello there]
                replies: ["Hello! How can I help?"]
                escalate: false
                """)
                .file("entities/payment_method.yml", """
                version: 1
                entity: payment_method
                patterns: ['pay\\s?pal']
                values:
                  - value: credit_card
                    synonyms: [card, visa]
                  - bank_transfer
                """)
                .file("sentiment/negative.yml", "version: 1\nlabel: negative\nexamples:\n  - this is awful\n")
                .file("faq/shipping.yml", """
                version: 1
                topic: shipping
                entries:
                  - id: shipping-times
                    question: How long does shipping take?
                    alternatives: ["when will my parcel arrive", "delivery time"]
                    answer: Standard shipping takes 3-5 business days.
                    tags: [shipping]
                """)
                .file("tests/faq-queries.yml", """
                version: 1
                queries:
                  - text: how many days until my stuff gets here
                    relevant: [shipping-times]
                """);
        LoadResult r = loader.read(dir);
        assertThat(r.problems()).isEmpty();
        TrainingData d = r.data();
        assertThat(d.root()).contains(dir);
        assertThat(d.intents()).extracting(IntentDefinition::name).containsExactly("greet", "order_status");
        IntentDefinition os = d.intent("order_status").orElseThrow();
        assertThat(os.description()).isEqualTo("Customer asks where an order is");
        assertThat(os.handler()).contains("order_status");
        assertThat(os.examples()).hasSize(2);
        IntentExample first = os.examples().get(0);
        assertThat(first.text()).isEqualTo("where is my order A1B2C3");
        assertThat(first.entities()).containsExactly(new EntitySpan("order_id", 18, 24));
        assertThat(first.source()).isEqualTo(new SourceRef("intents/shop/order_status.yml", 5));
        assertThat(os.examples().get(1).source().line()).isEqualTo(6);
        IntentDefinition greet = d.intent("greet").orElseThrow();
        assertThat(greet.replies()).containsExactly("Hello! How can I help?");
        assertThat(greet.examples()).extracting(IntentExample::text).containsExactly("hi", "hello there");

        EntityDefinition pm = d.entities().get(0);
        assertThat(pm.patterns()).containsExactly("pay\\s?pal");
        assertThat(pm.values()).containsExactly(
                new EntityDefinition.LookupValue("credit_card", List.of("card", "visa")),
                new EntityDefinition.LookupValue("bank_transfer", List.of()));

        assertThat(d.sentiment()).containsExactly(
                new SentimentExample("this is awful", "negative", new SourceRef("sentiment/negative.yml", 4)));
        FaqEntry e = d.faqEntry("shipping-times").orElseThrow();
        assertThat(e.topic()).isEqualTo("shipping");
        assertThat(e.alternatives()).containsExactly("when will my parcel arrive", "delivery time");
        assertThat(e.source()).isEqualTo(new SourceRef("faq/shipping.yml", 4));
        assertThat(d.faqQueries()).singleElement().satisfies(q -> {
            assertThat(q.relevant()).containsExactly("shipping-times");
            assertThat(q.source().line()).isEqualTo(3);
        });
    }

    @Test
    void ignores_files_and_folders_outside_the_nlu_sections() {
        folder().intent("greet", "hi", "hello")
                .file("pom.xml", "<project/>")
                .file("src/main/Foo.java", "class Foo {}")
                .file("test-set/intents/broken.yml", "::: not yaml [")
                .file("tests/conversations/one.yml", "anything: goes");
        LoadResult r = loader.read(dir);
        assertThat(r.problems()).isEmpty();
        assertThat(r.data().intents()).hasSize(1);
    }

    @Test
    void plain_scalars_that_yaml_would_type_stay_text() {
        folder().file("intents/answer.yml", "version: 1\nintent: answer\nexamples:\n  - yes\n  - 12:30\n  - 1e3\n  - no\n");
        assertThat(loader.load(dir).intent("answer").orElseThrow().examples())
                .extracting(IntentExample::text).containsExactly("yes", "12:30", "1e3", "no");
    }

    @Test
    void unknown_key_is_an_error_at_the_keys_line() {
        folder().file("intents/greet.yml", "version: 1\nintent: greet\nexamples: [hi, hello]\nexmaples: [hey]\n");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("intents/greet.yml:4: error: unknown key 'exmaples'");
    }

    @Test
    void version_must_be_present_and_one() {
        folder().file("intents/greet.yml", "intent: greet\nexamples: [hi, hello]\n")
                .file("intents/bye.yml", "version: 2\nintent: bye\nexamples: [bye, ciao]\n");
        assertThat(problems(dir)).containsExactlyInAnyOrder(
                "intents/bye.yml:1: error: unsupported version '2' (must be 1)",
                "intents/greet.yml:1: error: missing key 'version' (must be 1)");
    }

    @Test
    void reports_wrong_types_with_lines() {
        folder().file("intents/greet.yml", """
                version: 1
                intent: greet
                examples: hello
                escalate: maybe
                replies: {a: b}
                """);
        assertThat(problems(dir)).containsExactlyInAnyOrder(
                "intents/greet.yml:3: error: examples must be a list, not 'hello'",
                "intents/greet.yml:4: error: escalate must be true or false",
                "intents/greet.yml:5: error: replies must be a list, not a mapping");
    }

    @Test
    void names_must_be_snake_case_and_match_the_file() {
        folder().file("intents/OrderStatus.yml", "version: 1\nintent: OrderStatus\nexamples: [a b, c d]\n")
                .file("intents/greet.yml", "version: 1\nintent: hello\nexamples: [hi, hey]\n");
        List<String> p = problems(dir);
        assertThat(p).anyMatch(s -> s.startsWith("intents/OrderStatus.yml:2: error: intent name 'OrderStatus' is not lowercase snake_case"));
        assertThat(p).anyMatch(s -> s.startsWith("intents/greet.yml:2: error: intent name 'hello' does not match the file name"));
    }

    @Test
    void malformed_marks_are_errors_at_the_examples_line() {
        folder().file("intents/order.yml", "version: 1\nintent: order\nexamples:\n  - ok [x](t)\n  - where is [A1B2 please\n");
        List<String> p = problems(dir);
        assertThat(p).singleElement().asString().startsWith("intents/order.yml:5: error: malformed entity mark");
        assertThat(loader.read(dir).data().intents().get(0).examples()).hasSize(1);
    }

    @Test
    void syntax_error_names_file_and_line() {
        folder().file("intents/greet.yml", "version: 1\nintent: greet\nexamples:\n  - hi\n  - \"unclosed\n");
        assertThat(problems(dir)).singleElement().asString().startsWith("intents/greet.yml:").contains("YAML syntax error");
        assertThat(loader.read(dir).problems().get(0).source().line()).isGreaterThan(3);
    }

    @Test
    void refuses_yaml_bombs_and_custom_tags() {
        StringBuilder bomb = new StringBuilder("version: 1\nintent: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
            prev = c;
        }
        bomb.append("examples: *k\n");
        folder().file("intents/bomb.yml", bomb.toString())
                .file("intents/evil.yml", "version: 1\nintent: evil\nexamples:\n  - !!javax.script.ScriptEngineManager [x]\n");
        LoadResult r = loader.read(dir);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.problems()).anyMatch(p -> p.source().file().equals("intents/bomb.yml"));
        assertThat(r.problems()).anyMatch(p -> p.source().file().equals("intents/evil.yml") && p.source().line() == 4);
        assertThat(r.data().intents()).noneMatch(i -> i.name().equals("bomb"));
    }

    @Test
    void refuses_symbolic_links_to_files_and_folders_outside_the_data_folder(@TempDir Path outside) throws Exception {
        String stolen = "version: 1\nintent: stolen\nexamples:\n  - the secret is hunter2-do-not-leak\n";
        Files.writeString(outside.resolve("stolen.yml"), stolen);
        Files.createDirectories(outside.resolve("faq"));
        Files.writeString(outside.resolve("faq").resolve("leak.yml"), "version: 1\ntopic: leak\nentries: []\n");
        Files.writeString(outside.resolve("queries.yml"), "version: 1\nqueries: []\n");
        folder().file("intents/greet.yml", "version: 1\nintent: greet\nexamples:\n  - hello\n");
        Files.createSymbolicLink(dir.resolve("intents/stolen.yml"), outside.resolve("stolen.yml"));
        Files.createSymbolicLink(dir.resolve("intents/more"), outside);
        Files.createSymbolicLink(dir.resolve("faq"), outside.resolve("faq"));
        Files.createDirectories(dir.resolve("tests"));
        Files.createSymbolicLink(dir.resolve("tests/faq-queries.yml"), outside.resolve("queries.yml"));

        LoadResult r = loader.read(dir);
        List<String> p = r.problems().stream().map(ValidationProblem::toString).toList();
        assertThat(p).anyMatch(x -> x.startsWith("intents/stolen.yml: error: symbolic link refused"));
        assertThat(p).anyMatch(x -> x.startsWith("intents/more: error: symbolic link refused"));
        assertThat(p).anyMatch(x -> x.startsWith("faq: error: symbolic link refused"));
        assertThat(p).anyMatch(x -> x.startsWith("tests/faq-queries.yml: error: symbolic link refused"));
        assertThat(p).noneMatch(x -> x.contains("hunter2"));
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.data().intents()).extracting(IntentDefinition::name).containsExactly("greet");
        assertThat(r.data().faq()).isEmpty();
    }

    @Test
    void refuses_files_over_the_size_limit_and_bad_utf8() throws Exception {
        TrainingDataLoader small = new TrainingDataLoader(new TrainingDataLoader.Limits(100, 100, 10, 10, 1000));
        folder().file("intents/big.yml", "version: 1\nintent: big\nexamples:\n" + "  - hello there\n".repeat(20));
        Files.write(dir.resolve("intents/bad.yml"), new byte[] {'v', ':', ' ', (byte) 0xC3, (byte) 0x28});
        List<String> p = small.read(dir).problems().stream().map(ValidationProblem::toString).toList();
        assertThat(p).anyMatch(s -> s.startsWith("intents/big.yml: error: file too large"));
        assertThat(p).anyMatch(s -> s.startsWith("intents/bad.yml: error: not valid UTF-8"));
    }

    @Test
    void sentiment_label_must_be_one_of_three() {
        folder().sentiment("angry", "grr", "argh");
        assertThat(problems(dir)).singleElement().asString()
                .isEqualTo("sentiment/angry.yml:2: error: sentiment label must be negative, neutral or positive, not 'angry'");
    }

    @Test
    void invalid_regex_in_entity_file_is_an_error() {
        folder().file("entities/order_id.yml", "version: 1\nentity: order_id\npatterns: ['[A-Z']\n");
        assertThat(problems(dir)).singleElement().asString()
                .startsWith("entities/order_id.yml:3: error: invalid regular expression");
    }

    @Test
    void faq_entry_needs_id_question_and_answer() {
        folder().file("faq/shipping.yml", """
                version: 1
                topic: shipping
                entries:
                  - id: a
                    question: q
                  - id: has space
                    question: q
                    answer: a
                    colour: red
                """);
        List<String> p = problems(dir);
        assertThat(p).contains("faq/shipping.yml:4: error: missing key 'answer'");
        assertThat(p).anyMatch(s -> s.startsWith("faq/shipping.yml:6: error: FAQ id 'has space'"));
        assertThat(p).anyMatch(s -> s.startsWith("faq/shipping.yml:9: error: unknown key 'colour'"));
    }

    @Test
    void missing_or_empty_folder_is_an_error() {
        assertThat(loader.read(dir.resolve("nope")).hasErrors()).isTrue();
        assertThat(problems(dir)).singleElement().asString().contains("no training data here");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InvalidTrainingDataException.class)
                .hasMessageContaining("1 error");
    }

    @Test
    void empty_file_and_non_mapping_file_are_errors() {
        folder().file("intents/a.yml", "").file("intents/b.yml", "- just\n- a list\n");
        assertThat(problems(dir)).containsExactlyInAnyOrder(
                "intents/a.yml: error: empty file (expected 'version: 1' and the content)",
                "intents/b.yml:1: error: the file must be a mapping of keys (version: 1, ...), not a list");
    }

    @Test
    void load_throws_with_every_error_listed() {
        folder().file("intents/greet.yml", "version: 1\nintent: greet\nexamples: [hi]\nfoo: 1\nbar: 2\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(InvalidTrainingDataException.class)
                .hasMessageContaining("2 errors")
                .hasMessageContaining("intents/greet.yml:4")
                .hasMessageContaining("intents/greet.yml:5");
    }
}
