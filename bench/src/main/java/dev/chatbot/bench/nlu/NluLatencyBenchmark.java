package dev.chatbot.bench.nlu;

import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.PipelineNluEngine;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whole-pipeline prediction latency per message on the default bot: tokens, language, entities, intent,
 * sentiment and FAQ, with the MiniLM sentence embedding computed for every message (the encoder's cache is
 * off, since real messages rarely repeat word for word). Sample-time mode, so JMH reports p50 to p99.9.
 *
 * <ul>
 *   <li>{@code analyze}: one message per call on one thread (a quiet server)</li>
 *   <li>{@code analyzeTwoThreads}: the same on two threads at once (two chats on this 2-core machine)</li>
 *   <li>{@code analyzeAll8}, {@code analyzeAll32}: the batch path, reported per message</li>
 * </ul>
 *
 * <p>The model comes from the model folder named by {@code -Dchatbot.bench.models=DIR} (its active version;
 * {@code bench/nlu-jmh.sh} trains one with {@code ./chatbot train}); without it each fork trains the default
 * bot from {@code training-data/} in its setup. Messages: {@link BenchMessages}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 6)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class NluLatencyBenchmark {

    /** The trained pipeline and its encoder, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Pipeline {

        PipelineNluEngine engine;
        List<String> messages;
        private MiniLmSentenceEncoder encoder;

        @Setup(Level.Trial)
        public void setUp() {
            Path data = BenchFolders.trainingData();
            messages = BenchMessages.load(data);
            encoder = MiniLmSentenceEncoder.create(MiniLmSentenceEncoder.Options.defaults().withCacheCapacity(0));
            String models = System.getProperty("chatbot.bench.models");
            if (models != null && !models.isBlank()) {
                engine = new ModelStore(Path.of(models)).loadActive(StepRegistry.discover(), encoder);
            } else {
                TrainingData train = new TrainingDataLoader().load(data);
                NluTrainer trainer = new NluTrainer(StepRegistry.discover(), encoder);
                engine = trainer.engine(trainer.train(train, PipelineConfig.defaults(), Progress.NONE), "bench");
            }
            checkModel(engine, messages);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            encoder.close();
        }
    }

    /** Each thread walks the message mix from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {

        private int next;

        @Setup(Level.Trial)
        public void setUp(Pipeline pipeline, ThreadParams thread) {
            next = thread.getThreadIndex() * pipeline.messages.size() / Math.max(1, thread.getThreadCount());
        }

        String next(List<String> messages) {
            String m = messages.get(next);
            next = (next + 1) % messages.size();
            return m;
        }

        List<String> next(List<String> messages, int n) {
            List<String> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(next(messages));
            }
            return batch;
        }
    }

    @Benchmark
    @Threads(1)
    public NluResult analyze(Pipeline pipeline, Cursor cursor) {
        return pipeline.engine.analyze(cursor.next(pipeline.messages));
    }

    @Benchmark
    @Threads(2)
    public NluResult analyzeTwoThreads(Pipeline pipeline, Cursor cursor) {
        return pipeline.engine.analyze(cursor.next(pipeline.messages));
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(8)
    public List<NluResult> analyzeAll8(Pipeline pipeline, Cursor cursor) {
        return pipeline.engine.analyzeAll(cursor.next(pipeline.messages, 8));
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(32)
    public List<NluResult> analyzeAll32(Pipeline pipeline, Cursor cursor) {
        return pipeline.engine.analyzeAll(cursor.next(pipeline.messages, 32));
    }

    /**
     * Refuses to measure a pipeline that does not work: a step that fails is logged and skipped by the engine,
     * which would make a broken model look fast. Most of the default bot's test messages must get an in-scope
     * intent, and the FAQ step must answer the FAQ queries.
     */
    static void checkModel(PipelineNluEngine engine, List<String> messages) {
        List<String> sample = messages.subList(0, Math.min(200, messages.size()));
        List<NluResult> results = engine.analyzeAll(sample);
        long inScope = results.stream().filter(r -> !r.intent().outOfScope()).count();
        long withFaqHits = results.stream().filter(r -> !r.faqHits().isEmpty()).count();
        if (inScope < sample.size() / 2 || withFaqHits == 0) {
            throw new IllegalStateException("the model under test looks broken: " + inScope + " of " + sample.size()
                    + " messages in scope, " + withFaqHits + " with FAQ hits (model version " + engine.modelVersion() + ")");
        }
    }
}
