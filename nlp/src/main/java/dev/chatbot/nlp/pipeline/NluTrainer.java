package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.data.EntityDefinition;
import dev.chatbot.nlp.data.EntitySpan;
import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.SentenceEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;


/**
 * Trains every step of a pipeline configuration, in order, from one {@link TrainingData}, and optionally
 * saves the result as a new version in a {@link ModelStore}.
 */
public final class NluTrainer {

    private final StepRegistry registry;
    private final SentenceEncoder encoder;

    public NluTrainer(StepRegistry registry, SentenceEncoder encoder) {
        this.registry = registry;
        this.encoder = encoder;
    }

    /** Trains all steps in memory. */
    public TrainedPipeline train(TrainingData data, PipelineConfig config, Progress progress) {
        config.check(registry);
        long start = System.nanoTime();
        List<NluStep> steps = new ArrayList<>();
        java.util.Map<String, Double> stepSeconds = new java.util.LinkedHashMap<>();
        int total = config.steps().size();
        for (int i = 0; i < total; i++) {
            String name = config.steps().get(i);
            progress.update("training " + name, i, total);
            StepContext ctx = new StepContext(encoder, config.settingsOf(name), progress, config.seed());
            long t0 = System.nanoTime();
            NluStep step = registry.trainer(name).train(data, ctx);
            stepSeconds.put(name, (System.nanoTime() - t0) / 1e9);
            if (!step.name().equals(name)) {
                throw new PipelineConfigException("trainer for '" + name + "' produced a step named '" + step.name() + "'");
            }
            steps.add(step);
        }
        progress.update("training done", total, total);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainedPipeline(config, steps, fingerprint(data), encoder.modelId(), seconds, stepSeconds);
    }

    /** Trains all steps and saves them as a new version. */
    public ModelManifest trainAndSave(TrainingData data, PipelineConfig config, ModelStore store, Progress progress) {
        TrainedPipeline trained = train(data, config, progress);
        return store.save(trained, null);
    }

    /** An engine over freshly trained steps (for evaluation without saving). */
    public PipelineNluEngine engine(TrainedPipeline trained, String version) {
        return new PipelineNluEngine(trained.steps(), encoder, trained.config(), version);
    }

    /** SHA-256 over everything in the data that training reads, so that equal data gives equal fingerprints. */
    public static String fingerprint(TrainingData data) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder();
        for (IntentDefinition i : data.intents()) {
            sb.append("I\u0000").append(i.name()).append('\u0000').append(i.handler().orElse("")).append('\u0000')
                    .append(i.escalate()).append('\u0000').append(String.join("\u0001", i.replies())).append('\n');
            for (IntentExample e : i.examples()) {
                sb.append("E\u0000").append(e.text());
                for (EntitySpan s : e.entities()) {
                    sb.append('\u0000').append(s.type()).append(':').append(s.start()).append(':').append(s.end());
                }
                sb.append('\n');
            }
            flush(md, sb);
        }
        for (EntityDefinition e : data.entities()) {
            sb.append("N\u0000").append(e.name()).append('\u0000').append(String.join("\u0001", e.patterns()));
            for (EntityDefinition.LookupValue v : e.values()) {
                sb.append('\u0000').append(v.value()).append('=').append(String.join("\u0001", v.synonyms()));
            }
            sb.append('\n');
        }
        for (SentimentExample s : data.sentiment()) {
            sb.append("S\u0000").append(s.label()).append('\u0000').append(s.text()).append('\n');
            flush(md, sb);
        }
        for (FaqEntry f : data.faq()) {
            sb.append("F\u0000").append(f.id()).append('\u0000').append(f.topic()).append('\u0000').append(f.question())
                    .append('\u0000').append(String.join("\u0001", f.alternatives())).append('\u0000').append(f.answer())
                    .append('\u0000').append(String.join("\u0001", f.tags())).append('\n');
            flush(md, sb);
        }
        flush(md, sb);
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static void flush(MessageDigest md, StringBuilder sb) {
        md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        sb.setLength(0);
    }

}
