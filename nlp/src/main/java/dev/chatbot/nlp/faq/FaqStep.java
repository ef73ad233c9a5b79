package dev.chatbot.nlp.faq;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.FaqSearch;
import dev.chatbot.nlp.pipeline.NluStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The {@code faq} step: puts the best FAQ entries for each message into the analysis. Thread-safe and
 * never throws on odd input (no hits instead). The index can be replaced while the step serves
 * ({@link #rebuild}): the new index is built completely first, then swapped in, then the old one closed.
 */
public final class FaqStep implements NluStep, FaqSearch, AutoCloseable {

    public static final String NAME = "faq";
    static final String META = "faq.json";
    static final String INDEX = "index";
    static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(FaqStep.class);

    /**
     * What is saved next to the index.
     *
     * @param format         file format version
     * @param encoderModelId sentence encoder of the stored vectors (empty when ranking is bm25)
     * @param mode           ranking mode
     * @param vectorWeight   weight of the semantic score
     * @param candidates     candidates per retriever
     * @param limit          hits per message
     * @param entries        number of entries indexed
     */
    public record Meta(int format, String encoderModelId, String mode, double vectorWeight, int candidates, int limit,
                       int entries) {

        FaqRanking ranking() {
            return new FaqRanking(mode, vectorWeight, candidates);
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final SentenceEncoder encoder;
    private volatile LuceneFaqRetriever retriever;
    private volatile Meta meta;

    FaqStep(LuceneFaqRetriever retriever, Meta meta, SentenceEncoder encoder) {
        this.retriever = retriever;
        this.meta = meta;
        this.encoder = encoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Meta meta() {
        return meta;
    }

    /** Ranks entries for a query outside the pipeline (answers and LLM grounding). Never throws. */
    public List<FaqHit> search(String query, int limit) {
        try {
            float[] e = retriever.usesEmbeddings() && retriever.size() > 0 ? encoder.encode(query) : null;
            return search(query, e, limit);
        } catch (RuntimeException ex) {
            LOG.warn("FAQ search failed; no hits", ex);
            return List.of();
        }
    }

    /** Ranks entries for the analysis's text with a caller-chosen number of hits. Never throws. */
    @Override
    public List<FaqHit> search(Analysis analysis, int limit) {
        try {
            float[] e = retriever.usesEmbeddings() && retriever.size() > 0 ? analysis.embedding() : null;
            return search(analysis.text(), e, limit);
        } catch (RuntimeException ex) {
            LOG.warn("FAQ search failed; no hits", ex);
            return List.of();
        }
    }

    private List<FaqHit> search(String query, float[] embedding, int limit) {
        lock.readLock().lock();
        try {
            return retriever.search(query, embedding, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void apply(Analysis analysis) {
        try {
            float[] e = retriever.usesEmbeddings() && retriever.size() > 0 ? analysis.embedding() : null;
            analysis.faqHits(search(analysis.text(), e, meta.limit()));
        } catch (RuntimeException ex) {
            LOG.warn("FAQ step failed on a message of {} chars; no hits", analysis.text().length(), ex);
            analysis.faqHits(List.of());
        }
    }

    @Override
    public void applyAll(List<Analysis> analyses) {
        if (retriever.usesEmbeddings() && retriever.size() > 0) {
            try {
                Analysis.embedAll(analyses);
            } catch (RuntimeException e) {
                LOG.warn("batched embedding failed; falling back to one by one", e);
            }
        }
        analyses.forEach(this::apply);
    }

    /**
     * Builds a new index from new entries and swaps it in without stopping searches; searches running
     * during the build use the old index. Writes the new index into {@code folder} when it is not null.
     */
    public void rebuild(List<FaqEntry> entries, Path folder) throws IOException {
        LuceneFaqRetriever fresh = LuceneFaqRetriever.build(entries, encoder, meta.ranking());
        Meta freshMeta = new Meta(FORMAT, meta.encoderModelId(), meta.mode(), meta.vectorWeight(), meta.candidates(),
                meta.limit(), fresh.size());
        if (folder != null) {
            saveTo(folder, fresh, freshMeta);
        }
        LuceneFaqRetriever old;
        lock.writeLock().lock();
        try {
            old = retriever;
            retriever = fresh;
            meta = freshMeta;
        } finally {
            lock.writeLock().unlock();
        }
        old.close();
    }

    @Override
    public void save(Path folder) throws IOException {
        lock.readLock().lock();
        try {
            saveTo(folder, retriever, meta);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void saveTo(Path folder, LuceneFaqRetriever r, Meta m) throws IOException {
        Files.createDirectories(folder);
        r.save(folder.resolve(INDEX));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(folder.resolve(META).toFile(), m);
    }

    static FaqStep load(Path folder, SentenceEncoder encoder) throws IOException {
        Path metaFile = folder.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            throw new IOException("FAQ model folder " + folder + " has no " + META);
        }
        Meta meta;
        try {
            meta = new ObjectMapper().readValue(metaFile.toFile(), Meta.class);
            meta.ranking();
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(metaFile + " is not valid: " + e.getMessage(), e);
        }
        if (meta.format() != FORMAT) {
            throw new IOException(metaFile + " has format " + meta.format() + "; this version reads " + FORMAT);
        }
        if (meta.ranking().usesVectors() && !encoder.modelId().equals(meta.encoderModelId())) {
            throw new IOException("FAQ index in " + folder + " holds vectors of sentence encoder '"
                    + meta.encoderModelId() + "' but the pipeline uses '" + encoder.modelId() + "'; retrain");
        }
        LuceneFaqRetriever r = LuceneFaqRetriever.open(folder.resolve(INDEX), meta.ranking());
        if (r.size() != meta.entries()) {
            r.close();
            throw new IOException("FAQ index in " + folder + " has " + r.size() + " entries, " + META + " says "
                    + meta.entries() + "; the folder is corrupt");
        }
        return new FaqStep(r, meta, encoder);
    }

    @Override
    public void close() throws IOException {
        retriever.close();
    }
}
