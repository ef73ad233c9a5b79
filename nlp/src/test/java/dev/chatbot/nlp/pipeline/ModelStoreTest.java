package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.data.DataFolder;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.HashedNgramSentenceEncoder;
import dev.chatbot.nlp.entity.EntitiesStepTrainer;
import dev.chatbot.nlp.text.TokensStepTrainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelStoreTest {

    @TempDir
    Path tmp;

    private final HashedNgramSentenceEncoder encoder = new HashedNgramSentenceEncoder();
    private final StepRegistry registry = StepRegistry.of(new TokensStepTrainer(), new EntitiesStepTrainer(),
            new TestSteps.OverlapIntentTrainer());
    private final PipelineConfig config = PipelineConfig.of(List.of("tokens", "entities", "intent"));
    private TrainingData data;

    @BeforeEach
    void data() {
        Path dir = tmp.resolve("data");
        new DataFolder(dir)
                .intent("order_status", "where is my order [A1B2C3](order_id)", "has my parcel shipped",
                        "track order [Z9Y8X7](order_id) please")
                .intent("greet", "hello there", "good morning", "hi");
        data = new TrainingDataLoader().load(dir);
    }

    private Clock fixed() {
        return Clock.fixed(Instant.parse("2026-03-12T10:15:30.123Z"), ZoneOffset.UTC);
    }

    @Test
    void saves_lists_and_loads_a_version_that_answers_like_the_trained_one() {
        ModelStore store = new ModelStore(tmp.resolve("models"), fixed());
        NluTrainer trainer = new NluTrainer(registry, encoder);
        TrainedPipeline trained = trainer.train(data, config, Progress.NONE);
        ModelManifest m = store.save(trained, Map.of("intent", Map.of("accuracy", 0.9)));

        assertThat(m.version()).isEqualTo("20260312-101530-123");
        assertThat(m.steps()).containsExactly("tokens", "entities", "intent");
        assertThat(m.encoderModelId()).isEqualTo(encoder.modelId());
        assertThat(m.dataFingerprint()).startsWith("sha256:").isEqualTo(NluTrainer.fingerprint(data));
        assertThat(store.folder(m.version()).resolve("manifest.json")).isRegularFile();
        assertThat(store.folder(m.version()).resolve("entities")).isDirectory();
        assertThat(store.versions()).extracting(ModelManifest::version).containsExactly(m.version());
        assertThat(store.manifest(m.version()).pipeline()).isEqualTo(config);
        assertThat(store.manifest(m.version()).evaluation()).containsKey("intent");

        PipelineNluEngine fresh = trainer.engine(trained, "fresh");
        PipelineNluEngine loaded = store.load(m.version(), registry, encoder);
        String msg = "where is my order q7w8e9";
        assertThat(loaded.analyze(msg).intent()).isEqualTo(fresh.analyze(msg).intent());
        assertThat(loaded.analyze(msg).entities()).isEqualTo(fresh.analyze(msg).entities());
        assertThat(loaded.modelVersion()).isEqualTo(m.version());
    }

    @Test
    void version_ids_sort_by_time_and_stay_unique_within_one_millisecond() throws Exception {
        ModelStore store = new ModelStore(tmp.resolve("models"), fixed());
        TrainedPipeline trained = new NluTrainer(registry, encoder).train(data, config, Progress.NONE);
        String a = store.save(trained, null).version();
        String b = store.save(trained, null).version();
        ModelStore later = new ModelStore(tmp.resolve("models"),
                Clock.fixed(Instant.parse("2026-03-12T10:15:31Z"), ZoneOffset.UTC));
        String c = later.save(trained, null).version();
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
        assertThat(store.versions()).extracting(ModelManifest::version).containsExactly(a, b, c);
        assertThat(store.latest()).map(ModelManifest::version).contains(c);
        try (var files = Files.list(tmp.resolve("models"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }

    @Test
    void active_pointer_chooses_the_version_to_serve() {
        ModelStore store = new ModelStore(tmp.resolve("models"));
        TrainedPipeline trained = new NluTrainer(registry, encoder).train(data, config, Progress.NONE);
        String first = store.save(trained, null).version();
        assertThat(store.activeVersion()).isEmpty();
        store.activate(first);
        store.save(trained, null);
        assertThat(store.activeVersion()).contains(first);
        assertThat(store.loadActive(registry, encoder).modelVersion()).isEqualTo(first);
        assertThatThrownBy(() -> store.activate("../../etc")).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("not a model version id");
    }

    @Test
    void corrupt_or_missing_folders_fail_with_the_folder_named() throws Exception {
        ModelStore store = new ModelStore(tmp.resolve("models"));
        TrainedPipeline trained = new NluTrainer(registry, encoder).train(data, config, Progress.NONE);
        String v = store.save(trained, null).version();
        Path folder = store.folder(v);

        assertThatThrownBy(() -> store.load("20990101-000000-000", registry, encoder))
                .isInstanceOf(ModelStoreException.class).hasMessageContaining("not found");

        Files.writeString(folder.resolve("entities/entities.json"), "{not json");
        assertThatThrownBy(() -> store.load(v, registry, encoder)).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining(folder.toString()).hasMessageContaining("step 'entities'");

        Files.delete(folder.resolve("entities/entities.json"));
        Files.delete(folder.resolve("entities"));
        assertThatThrownBy(() -> store.load(v, registry, encoder))
                .hasMessageContaining(folder.toString()).hasMessageContaining("step folder entities is missing");

        Files.writeString(folder.resolve("manifest.json"), "garbage");
        assertThatThrownBy(() -> store.manifest(v)).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining(folder + " is corrupt");
        assertThat(store.versions()).isEmpty();
    }

    @Test
    void refuses_a_model_trained_with_another_encoder() {
        ModelStore store = new ModelStore(tmp.resolve("models"));
        String v = store.save(new NluTrainer(registry, encoder).train(data, config, Progress.NONE), null).version();
        assertThatThrownBy(() -> store.load(v, registry, new HashedNgramSentenceEncoder(64)))
                .isInstanceOf(ModelStoreException.class).hasMessageContaining("retrain");
    }

    @Test
    void fingerprint_changes_with_the_data_and_only_then() {
        String a = NluTrainer.fingerprint(data);
        assertThat(NluTrainer.fingerprint(data)).isEqualTo(a);
        TrainingData other = new TrainingData(data.root(), data.intents().subList(0, 1), data.entities(),
                data.sentiment(), data.faq(), data.faqQueries());
        assertThat(NluTrainer.fingerprint(other)).isNotEqualTo(a);
    }
}
