package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.data.DataFolder;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntitiesStepTrainerTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-12T09:00:00Z"), ZoneOffset.UTC);
    private final StepContext ctx = new StepContext(new HashedNgramSentenceEncoder(), Map.of(), Progress.NONE, 1);

    private static List<EntityMention> run(NluStep step, String text) {
        Analysis a = new Analysis(text, new HashedNgramSentenceEncoder());
        step.apply(a);
        return a.toResult().entities();
    }

    private TrainingData shopData() {
        List<String> examples = new ArrayList<>();
        String[] cities = {"Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Oslo", "Prague"};
        for (String c : cities) {
            examples.add("please ship it to [" + c + "](city) by [tomorrow](date)");
            examples.add("I moved to [" + c + "](city) [last week](date)");
            examples.add("send order [AB" + (123450 + c.length()) + "](order_id) to [" + c + "](city)");
        }
        new DataFolder(dir)
                .intent("change_address", examples.toArray(String[]::new))
                .intent("payment", "I paid by [card](payment_method)", "can I use [paypal](payment_method)",
                        "refund my [$25](amount) to [mary@example.com](email)")
                .file("entities/order_id.yml", "version: 1\nentity: order_id\npatterns: ['\\b[A-Z]{2}\\d{6}\\b']\n")
                .file("entities/payment_method.yml", """
                        version: 1
                        entity: payment_method
                        values:
                          - value: credit_card
                            synonyms: [card, visa, credit card]
                          - value: paypal
                        """)
                .file("entities/city.yml", "version: 1\nentity: city\n");
        return new TrainingDataLoader().load(dir);
    }

    @Test
    void combines_files_built_in_rules_and_a_name_finder_learned_from_marks() {
        NluStep step = new EntitiesStepTrainer(clock).train(shopData(), ctx);
        List<EntityMention> found = run(step,
                "please send order ab123456 to Vienna by tomorrow, I paid €30 by Visa, mail bob@x.org");
        assertThat(found).extracting(EntityMention::type)
                .containsExactly("order_id", "city", "date", "amount", "payment_method", "email");
        assertThat(found).extracting(EntityMention::value)
                .containsExactly("AB123456", "Vienna", "2026-03-13", "30.00 EUR", "credit_card", "bob@x.org");
        assertThat(found).extracting(EntityMention::source)
                .containsExactly("rule", "model", "rule", "rule", "lookup", "rule");
    }

    @Test
    void learned_finder_generalises_to_unseen_values() {
        NluStep step = new EntitiesStepTrainer(clock).train(shopData(), ctx);
        assertThat(run(step, "please ship it to Dublin by tomorrow")).extracting(EntityMention::text)
                .contains("Dublin");
    }

    @Test
    void saved_step_loads_and_answers_the_same(@TempDir Path model) throws Exception {
        NluStep step = new EntitiesStepTrainer(clock).train(shopData(), ctx);
        step.save(model);
        assertThat(model.resolve("name-finder.bin")).isRegularFile();
        NluStep loaded = new EntitiesStepTrainer(clock).load(model, ctx);
        String msg = "send order CD654321 to Oslo, paid with credit card 3 days ago";
        assertThat(run(loaded, msg)).isEqualTo(run(step, msg));
    }

    @Test
    void data_without_marks_or_entity_files_gets_all_built_ins_and_no_learned_finder(@TempDir Path model) throws Exception {
        new DataFolder(dir).intent("greet", "hi", "hello");
        NluStep step = new EntitiesStepTrainer(clock).train(new TrainingDataLoader().load(dir), ctx);
        assertThat(run(step, "refund $10 to a@b.io for yesterday")).extracting(EntityMention::type)
                .containsExactly("amount", "email", "date");
        step.save(model);
        assertThat(Files.exists(model.resolve("name-finder.bin"))).isFalse();
    }

    @Test
    void a_bot_with_entity_files_gets_every_built_in() {
        new DataFolder(dir).intent("order", "where is [AB123456](order_id)", "track my order")
                .file("entities/carrier.yml", "version: 1\nentity: carrier\nvalues: [ups, dhl]\n");
        NluStep step = new EntitiesStepTrainer(clock).train(new TrainingDataLoader().load(dir), ctx);
        assertThat(run(step, "the UPS parcel for $5 has not moved since tuesday")).extracting(EntityMention::type)
                .containsExactly("carrier", "amount", "date");
    }

    @Test
    void built_in_types_the_data_never_mentions_stay_off() {
        new DataFolder(dir).intent("play", "play [jazz](genre)", "play some [rock](genre) music", "play [pop](genre)");
        NluStep step = new EntitiesStepTrainer(clock).train(new TrainingDataLoader().load(dir), ctx);
        assertThat(run(step, "play jazz tomorrow for $5")).extracting(EntityMention::type).doesNotContain("date", "amount");
    }

    @Test
    void a_rule_that_disagrees_with_the_datas_marks_only_normalises_values() {
        List<String> ex = new ArrayList<>();
        for (String d : List.of("monday", "tuesday", "friday", "sunday", "saturday", "wednesday")) {
            ex.add("wake me up [" + d + " morning](date)");
            ex.add("set an alarm for [" + d + " morning](date) please");
        }
        new DataFolder(dir).intent("alarm", ex.toArray(String[]::new));
        NluStep step = new EntitiesStepTrainer(clock).train(new TrainingDataLoader().load(dir), ctx);
        List<EntityMention> found = run(step, "wake me up thursday morning");
        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("thursday morning");
            assertThat(m.source()).isEqualTo("model");
        });
        assertThat(run(step, "wake me up yesterday")).allSatisfy(m -> assertThat(m.value()).isEqualTo("2026-03-11"));
    }
}
