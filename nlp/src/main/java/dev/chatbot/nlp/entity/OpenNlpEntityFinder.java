package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.data.EntitySpan;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.text.InstancePool;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learned entity finder: OpenNLP's maximum-entropy name finder, trained in memory from the inline
 * entity marks of intent examples (only the types that no deterministic finder covers). Admins never see
 * OpenNLP's own training format; it is produced here from the marks.
 */
public final class OpenNlpEntityFinder implements EntityFinder {

    private final TokenNameFinderModel model;
    private final double minProbability;
    private final InstancePool<NameFinderME> finders;

    private OpenNlpEntityFinder(TokenNameFinderModel model, double minProbability) {
        this.model = model;
        this.minProbability = minProbability;
        this.finders = new InstancePool<>(() -> new NameFinderME(model));
    }

    /**
     * Trains a finder for the given types, or returns empty when no example marks any of them.
     *
     * @param iterations     maximum-entropy training iterations
     * @param cutoff         features seen fewer times are dropped
     * @param minProbability mentions below this probability are dropped at prediction
     */
    public static Optional<OpenNlpEntityFinder> train(List<IntentExample> examples, Set<String> types, int iterations,
                                                      int cutoff, double minProbability) {
        return train(examples, types, "MAXENT", "default", iterations, cutoff, minProbability);
    }

    /**
     * As {@link #train(List, Set, int, int, double)} with OpenNLP's algorithm name ({@code MAXENT} or
     * {@code PERCEPTRON}) and a feature set: {@code default} (OpenNLP's) or {@code extended} (wider window,
     * prefixes and suffixes).
     */
    public static Optional<OpenNlpEntityFinder> train(List<IntentExample> examples, Set<String> types, String algorithm,
                                                      String features, int iterations, int cutoff, double minProbability) {
        List<NameSample> samples = new ArrayList<>(examples.size());
        Set<String> seen = new TreeSet<>();
        for (IntentExample e : examples) {
            NameSample s = sample(e, types);
            if (s != null) {
                samples.add(s);
                for (Span span : s.getNames()) {
                    seen.add(span.getType());
                }
            }
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        params.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        params.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        params.put(TrainingParameters.THREADS_PARAM, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
        try {
            byte[] descriptor = null;
            if ("extended".equals(features)) {
                try (InputStream in = OpenNlpEntityFinder.class.getResourceAsStream("extended-features.xml")) {
                    descriptor = in.readAllBytes();
                }
            }
            TokenNameFinderFactory factory = TokenNameFinderFactory.create(null, descriptor, Map.of(), new BioCodec());
            TokenNameFinderModel model = NameFinderME.train("en", null,
                    ObjectStreamUtils.createObjectStream(samples), params, factory);
            return Optional.of(new OpenNlpEntityFinder(model, minProbability));
        } catch (IOException e) {
            throw new UncheckedIOException("name finder training failed", e);
        }
    }

    /** Tokens of one example with its marks of the wanted types as token spans; marks split tokens. */
    static NameSample sample(IntentExample example, Set<String> types) {
        String text = example.text();
        List<EntitySpan> marks = example.entities().stream()
                .filter(s -> types.contains(s.type()))
                .sorted(java.util.Comparator.comparingInt(EntitySpan::start))
                .toList();
        List<String> tokens = new ArrayList<>();
        List<Span> names = new ArrayList<>();
        int pos = 0;
        for (EntitySpan m : marks) {
            if (m.start() < pos || m.end() > text.length()) {
                continue;
            }
            WordTokens.of(text, pos, m.start()).forEach(t -> tokens.add(t.text()));
            int first = tokens.size();
            WordTokens.of(text, m.start(), m.end()).forEach(t -> tokens.add(t.text()));
            if (tokens.size() > first) {
                names.add(new Span(first, tokens.size(), m.type()));
            }
            pos = m.end();
        }
        WordTokens.of(text, pos, text.length()).forEach(t -> tokens.add(t.text()));
        if (tokens.isEmpty()) {
            return null;
        }
        return new NameSample(tokens.toArray(String[]::new), names.toArray(Span[]::new), true);
    }

    public static OpenNlpEntityFinder load(InputStream in, double minProbability) throws IOException {
        return new OpenNlpEntityFinder(new TokenNameFinderModel(in), minProbability);
    }

    public void save(OutputStream out) throws IOException {
        model.serialize(out);
    }

    public double minProbability() {
        return minProbability;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    @Override
    public List<EntityMention> find(String text) {
        List<WordTokens.Token> tokens = WordTokens.of(text);
        if (tokens.isEmpty()) {
            return List.of();
        }
        String[] words = tokens.stream().map(WordTokens.Token::text).toArray(String[]::new);
        Object[] found = finders.with(me -> {
            try {
                Span[] s = me.find(words);
                return new Object[] {s, me.probs(s)};
            } finally {
                me.clearAdaptiveData();
            }
        });
        Span[] spans = (Span[]) found[0];
        double[] probs = (double[]) found[1];
        List<EntityMention> out = new ArrayList<>();
        for (int i = 0; i < spans.length; i++) {
            if (probs[i] < minProbability) {
                continue;
            }
            int start = tokens.get(spans[i].getStart()).start();
            int end = tokens.get(spans[i].getEnd() - 1).end();
            String covered = text.substring(start, end);
            out.add(new EntityMention(spans[i].getType(), covered, start, end, covered, "model", probs[i]));
        }
        return out;
    }
}
