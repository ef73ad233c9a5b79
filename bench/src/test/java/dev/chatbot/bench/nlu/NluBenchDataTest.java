package dev.chatbot.bench.nlu;

import dev.chatbot.nlp.data.EntitySpan;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.SourceRef;
import dev.chatbot.nlp.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NluBenchDataTest {

    @Test
    void message_mix_holds_the_held_apart_test_texts_plus_long_and_emoji_only_messages() {
        List<String> mix = BenchMessages.load(Path.of("../training-data"));

        assertThat(mix).containsAll(BenchMessages.LONG).containsAll(BenchMessages.EMOJI_ONLY);
        assertThat(mix.size()).isGreaterThan(BenchMessages.LONG.size() + BenchMessages.EMOJI_ONLY.size() + 300);
        assertThat(BenchMessages.LONG).anyMatch(m -> m.length() > 2000);
        assertThat(BenchMessages.EMOJI_ONLY).allMatch(m -> m.codePoints().noneMatch(Character::isLetter));
        assertThat(BenchMessages.load(Path.of("../training-data"))).as("same order every run").isEqualTo(mix);
    }

    @Test
    void mix_tops_the_bot_up_to_the_requested_count_with_prefixed_intents() {
        TrainingData bot = data(intent("greet", 3), intent("order_status", 4));
        Map<String, TrainingData> others = new LinkedHashMap<>();
        others.put("hwu64", data(intent("greet", 10), intent("alarm_set", 10)));
        others.put("snips", data(intent("greet", 10)));

        TrainingData mixed = NluTrainAtScale.mix(bot, others, 25, 15);

        assertThat(mixed.intents().stream().mapToInt(d -> d.examples().size()).sum()).isEqualTo(25);
        assertThat(mixed.intent("greet").orElseThrow().examples()).hasSize(3);
        assertThat(mixed.intents()).extracting(IntentDefinition::name)
                .allMatch(n -> List.of("greet", "order_status").contains(n) || n.startsWith("hwu64_") || n.startsWith("snips_"));
        assertThat(mixed.sentiment()).isEqualTo(bot.sentiment());
        assertThat(NluTrainAtScale.mix(bot, others, 25, 15)).as("fixed seed, same draw").isEqualTo(mixed);
    }

    @Test
    void mix_refuses_more_examples_than_the_sets_hold() {
        TrainingData bot = data(intent("greet", 3));
        assertThatThrownBy(() -> NluTrainAtScale.mix(bot, Map.of("hwu64", data(intent("alarm_set", 5))), 9, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 8");
    }

    @Test
    void without_marks_keeps_texts_and_drops_every_entity_span() {
        IntentExample marked = new IntentExample("wake me at seven", List.of(new EntitySpan("time", 11, 16)),
                new SourceRef("alarm_set.yml", 4));
        TrainingData data = new TrainingData(Optional.empty(), List.of(new IntentDefinition("alarm_set", null,
                List.of(marked), List.of(), Optional.empty(), false, SourceRef.MEMORY)), List.of(), List.of(), List.of(), List.of());

        TrainingData plain = NluTrainAtScale.withoutMarks(data);

        IntentExample only = plain.intents().get(0).examples().get(0);
        assertThat(only.text()).isEqualTo("wake me at seven");
        assertThat(only.entities()).isEmpty();
    }

    private static IntentDefinition intent(String name, int n) {
        List<IntentExample> examples = IntStream.range(0, n)
                .mapToObj(i -> new IntentExample(name + " example " + i, List.of(), new SourceRef(name + ".yml", i + 1)))
                .toList();
        return new IntentDefinition(name, null, examples, List.of(), Optional.empty(), false, SourceRef.MEMORY);
    }

    private static TrainingData data(IntentDefinition... intents) {
        return new TrainingData(Optional.empty(), List.of(intents), List.of(),
                List.of(new SentimentExample("great", "positive", SourceRef.MEMORY)), List.of(), List.of());
    }
}
