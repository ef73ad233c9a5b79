package dev.chatbot.nlp.pipeline;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.IntentPrediction;
import dev.chatbot.nlp.NluResult;
import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.embedding.SentenceEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message on its way through the pipeline: each step reads what earlier steps wrote and adds its
 * own part. Not thread-safe; one instance belongs to one message and one thread at a time.
 *
 * <p>The sentence embedding is computed at most once per message, on first use, by whichever step needs
 * it first (or in a batch by {@link #embedAll}).
 */
public final class Analysis {

    private final String text;
    private final SentenceEncoder encoder;
    private String language = "und";
    private List<String> tokens = List.of();
    private float[] embedding;
    private IntentPrediction intent;
    private final List<EntityMention> entities = new ArrayList<>();
    private SentimentPrediction sentiment;
    private List<FaqHit> faqHits = List.of();

    public Analysis(String text, SentenceEncoder encoder) {
        this.text = Objects.requireNonNull(text, "text");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    public String text() {
        return text;
    }

    public String language() {
        return language;
    }

    public void language(String language) {
        this.language = language;
    }

    public List<String> tokens() {
        return tokens;
    }

    public void tokens(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** The message's sentence embedding (L2-normalised), computed on first use. */
    public float[] embedding() {
        if (embedding == null) {
            embedding = encoder.encode(text);
        }
        return embedding;
    }

    public boolean hasEmbedding() {
        return embedding != null;
    }

    /** Computes the embeddings of several analyses in one batch, skipping those that have one. */
    public static void embedAll(List<Analysis> analyses) {
        List<Analysis> missing = analyses.stream().filter(a -> a.embedding == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        SentenceEncoder enc = missing.get(0).encoder;
        List<float[]> vectors = enc.encodeAll(missing.stream().map(Analysis::text).toList());
        for (int i = 0; i < missing.size(); i++) {
            missing.get(i).embedding = vectors.get(i);
        }
    }

    public IntentPrediction intent() {
        return intent;
    }

    public void intent(IntentPrediction intent) {
        this.intent = intent;
    }

    public List<EntityMention> entities() {
        return entities;
    }

    public void addEntity(EntityMention mention) {
        entities.add(mention);
    }

    public SentimentPrediction sentiment() {
        return sentiment;
    }

    public void sentiment(SentimentPrediction sentiment) {
        this.sentiment = sentiment;
    }

    public List<FaqHit> faqHits() {
        return faqHits;
    }

    public void faqHits(List<FaqHit> hits) {
        this.faqHits = List.copyOf(hits);
    }

    /** The finished result; steps that did not run leave neutral values. */
    public NluResult toResult() {
        IntentPrediction i = intent != null ? intent : IntentPrediction.outOfScope(0.0, List.of());
        SentimentPrediction s = sentiment != null ? sentiment : SentimentPrediction.neutral();
        List<EntityMention> sorted = entities.stream()
                .sorted(java.util.Comparator.comparingInt(EntityMention::start))
                .toList();
        return new NluResult(text, language, i, sorted, s, faqHits);
    }
}
