package dev.chatbot.bench.nlu;

import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.data.TrainingDataLoader;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.ModelManifest;
import dev.chatbot.nlp.pipeline.ModelStore;
import dev.chatbot.nlp.pipeline.NluTrainer;
import dev.chatbot.nlp.pipeline.PipelineConfig;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepRegistry;
import dev.chatbot.nlp.pipeline.TrainedPipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Times training of the whole default pipeline (every step, the same trainer {@code ./chatbot train} uses) on
 * a bot with 15,000 intent examples, and prints the seconds of each step.
 *
 * <p>The data: the default bot's folder as it is (its intents, entity definitions, sentiment examples and
 * FAQ, so every step has something to train), topped up to the requested number of intent examples with
 * examples drawn at random (fixed seed) from the hwu64 and snips training splits, entity marks included. Their
 * intents keep their names behind a {@code hwu64_} or {@code snips_} prefix, so the two sets never merge an
 * intent. With the defaults and the default bot as of this writing, that is its 1,097 examples plus 13,903 drawn from
 * the two splits, in 93 intents.
 *
 * <pre>
 * NluTrainAtScale [--examples 15000] [--seed 15] [--no-marks] [--out MODEL_DIR]
 * </pre>
 * With {@code --no-marks}, the drawn examples lose their entity marks, as in intent-only benchmarks (banking and
 * customer-support sets with out-of-scope queries carry none), so the learned name finder trains only on the
 * default bot's marks. With {@code --out}, the trained pipeline is also saved there as a model version (and the
 * save is timed).
 */
public final class NluTrainAtScale {

    private NluTrainAtScale() {
    }

    public static void main(String[] args) throws IOException {
        int examples = Integer.parseInt(option(args, "--examples", "15000"));
        long seed = Long.parseLong(option(args, "--seed", "15"));
        String out = option(args, "--out", null);
        boolean noMarks = List.of(args).contains("--no-marks");

        TrainingDataLoader loader = new TrainingDataLoader();
        TrainingData bot = loader.load(BenchFolders.trainingData());
        Path dev = BenchFolders.devBenchmarks();
        Map<String, TrainingData> extra = new LinkedHashMap<>();
        extra.put("hwu64", loader.load(dev.resolve("hwu64/train")));
        extra.put("snips", loader.load(dev.resolve("snips/train")));
        if (noMarks) {
            extra.replaceAll((set, d) -> withoutMarks(d));
        }
        TrainingData data = mix(bot, extra, examples, seed);

        int intentExamples = data.intents().stream().mapToInt(d -> d.examples().size()).sum();
        long marked = data.intents().stream().flatMap(d -> d.examples().stream()).filter(e -> !e.entities().isEmpty()).count();
        System.out.printf("data: %,d intent examples (%,d with entity marks) in %d intents, %d entity definitions, "
                        + "%d sentiment examples, %d FAQ entries%n", intentExamples, marked, data.intents().size(),
                data.entities().size(), data.sentiment().size(), data.faq().size());
        System.out.printf("machine: %d cores, load average %.2f at start, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20);

        PhaseLog phases = new PhaseLog();
        long start = System.nanoTime();
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            NluTrainer trainer = new NluTrainer(StepRegistry.discover(), encoder);
            TrainedPipeline trained = trainer.train(data, PipelineConfig.defaults(), phases);
            System.out.printf("encoder load: %.1f s%n", loadSeconds);
            trained.stepSeconds().forEach((step, s) -> System.out.printf("step %-10s %6.1f s%n", step, s));
            System.out.printf("train total: %.1f s (all steps, what the manifest records)%n", trained.trainSeconds());
            System.out.println("phases (seconds from the start of training):");
            phases.lines.forEach(l -> System.out.println("  " + l));
            if (out != null) {
                long s0 = System.nanoTime();
                ModelManifest m = new ModelStore(Path.of(out)).save(trained, null);
                System.out.printf("saved version %s under %s in %.1f s%n", m.version(), out, (System.nanoTime() - s0) / 1e9);
            }
        }
        System.out.printf("wall clock, encoder load to end: %.1f s; load average at end %.2f%n",
                (System.nanoTime() - start) / 1e9, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * The default bot topped up to {@code total} intent examples with examples drawn at random from the other
     * sets (all their examples pooled, shuffled with {@code seed}). Intents from another set are renamed
     * {@code <set>_<intent>}; everything else (entities, sentiment, FAQ) comes from the bot.
     */
    static TrainingData mix(TrainingData bot, Map<String, TrainingData> others, int total, long seed) {
        int own = bot.intents().stream().mapToInt(d -> d.examples().size()).sum();
        if (total < own) {
            throw new IllegalArgumentException("the default bot alone has " + own + " intent examples, more than " + total);
        }
        record Drawn(String intent, IntentExample example) {
        }
        List<Drawn> pool = new ArrayList<>();
        others.forEach((set, data) -> data.intents().forEach(d ->
                d.examples().forEach(e -> pool.add(new Drawn(set + "_" + d.name(), e)))));
        int wanted = total - own;
        if (wanted > pool.size()) {
            throw new IllegalArgumentException("asked for " + total + " intent examples but only " + (own + pool.size())
                    + " are available");
        }
        Collections.shuffle(pool, new Random(seed));
        Map<String, List<IntentExample>> byIntent = new TreeMap<>();
        for (Drawn d : pool.subList(0, wanted)) {
            byIntent.computeIfAbsent(d.intent(), k -> new ArrayList<>()).add(d.example());
        }
        List<IntentDefinition> intents = new ArrayList<>(bot.intents());
        for (String name : byIntent.keySet()) {
            if (bot.intent(name).isPresent()) {
                throw new IllegalArgumentException("intent " + name + " exists in the bot and in a drawn set");
            }
        }
        byIntent.forEach((name, examples) -> intents.add(new IntentDefinition(name, null, examples, List.of(),
                Optional.empty(), false, examples.get(0).source())));
        intents.sort(Comparator.comparing(IntentDefinition::name));
        return new TrainingData(Optional.empty(), intents, bot.entities(), bot.sentiment(), bot.faq(), List.of());
    }

    /** The same data with every intent example's entity marks removed. */
    static TrainingData withoutMarks(TrainingData data) {
        List<IntentDefinition> intents = data.intents().stream().map(d -> new IntentDefinition(d.name(), d.description(),
                d.examples().stream().map(e -> new IntentExample(e.text(), List.of(), e.source())).toList(), d.replies(),
                d.handler(), d.escalate(), d.source())).toList();
        return new TrainingData(data.root(), intents, data.entities(), data.sentiment(), data.faq(), data.faqQueries());
    }

    /** Remembers when each progress task started, to show where the intent step's time goes. */
    private static final class PhaseLog implements Progress {
        private final long start = System.nanoTime();
        private final List<String> lines = new ArrayList<>();
        private String last = "";

        @Override
        public void update(String task, long done, long total) {
            if (!task.equals(last)) {
                lines.add(String.format("%6.1f  %s", (System.nanoTime() - start) / 1e9, task));
                last = task;
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (Stream.of(args).anyMatch(a -> a.equals(name))) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return fallback;
    }
}
