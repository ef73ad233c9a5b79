package dev.chatbot.nlp.faq;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.data.FaqEntry;
import dev.chatbot.nlp.embedding.SentenceEncoder;
import dev.chatbot.nlp.embedding.Vectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FAQ retrieval on Lucene: BM25 over the question, its alternatives (paraphrases) and the answer
 * (weighted 3 : 2 : 1, English analysis with stop words and Porter stemming), plus an HNSW vector field
 * ({@link KnnFloatVectorField}) holding the sentence embedding of the question, of each alternative and of
 * the answer (answers catch queries that describe the problem rather than ask the question).
 * Results are aggregated per entry and ranked by a fusion of both ({@link FaqRanking}).
 *
 * <p>The score in 0..1 is built to be comparable across queries: the semantic part is the best cosine
 * similarity between the query and the entry's question, alternatives or answer, mapped from
 * [{@value #COSINE_FLOOR}, {@value #COSINE_CEILING}] onto [0, 1]; the lexical part is the entry's BM25
 * score relative to the best entry's, times the share of the query's terms that the entry's question
 * and alternatives contain. Thread-safe; close it to release the index.
 */
public final class LuceneFaqRetriever implements FaqRetriever, AutoCloseable {

    static final double COSINE_FLOOR = 0.2;
    static final double COSINE_CEILING = 0.9;
    private static final String F_KIND = "kind";
    private static final String F_ID = "id";
    private static final String F_TOPIC = "topic";
    private static final String F_QUESTION = "question";
    private static final String F_ALTERNATIVES = "alternatives";
    private static final String F_ANSWER = "answer";
    private static final String F_VECTOR = "vector";
    private static final String F_VECTOR_BYTES = "vector_bytes";
    private static final Map<String, Float> FIELD_BOOSTS = Map.of(F_QUESTION, 3f, F_ALTERNATIVES, 2f, F_ANSWER, 1f);
    private static final int RRF_K = 60;
    /** Query terms used for BM25 (three clauses each; keeps far below Lucene's clause limit). */
    private static final int MAX_QUERY_TERMS = 64;

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    private final FaqRanking ranking;
    private final Map<String, FaqEntry> entries;
    private final Map<String, List<float[]>> vectors;
    private final Map<String, Set<String>> questionTerms;
    /**
     * Entry id of every Lucene document, by doc id. The reader never changes, so this is read once: looking ids
     * up in stored fields for every hit decompressed whole blocks (vectors included) and cost about as much
     * as the message's sentence embedding (see docs/benchmarks.md, NLU).
     */
    private final String[] idByDoc;

    private LuceneFaqRetriever(Directory directory, FaqRanking ranking) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.analyzer = new EnglishAnalyzer();
        this.ranking = ranking;
        this.entries = new LinkedHashMap<>();
        this.vectors = new HashMap<>();
        this.questionTerms = new HashMap<>();
        this.idByDoc = new String[reader.maxDoc()];
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            Document d = stored.document(doc);
            String id = d.get(F_ID);
            idByDoc[doc] = id;
            if ("entry".equals(d.get(F_KIND))) {
                List<String> alts = List.of(d.getValues(F_ALTERNATIVES));
                entries.put(id, new FaqEntry(id, d.get(F_TOPIC), d.get(F_QUESTION), alts, d.get(F_ANSWER), List.of(),
                        dev.chatbot.nlp.data.SourceRef.MEMORY));
                Set<String> terms = new HashSet<>(analyze(d.get(F_QUESTION)));
                for (String a : alts) {
                    terms.addAll(analyze(a));
                }
                questionTerms.put(id, terms);
            } else if ("vector".equals(d.get(F_KIND))) {
                BytesRef b = d.getBinaryValue(F_VECTOR_BYTES);
                float[] v = new float[b.length / 4];
                ByteBuffer.wrap(b.bytes, b.offset, b.length).asFloatBuffer().get(v);
                vectors.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
            }
        }
    }

    /**
     * Builds an index in memory from FAQ entries.
     *
     * @param encoder embeds questions and alternatives (in one batch); null when ranking is {@code bm25}
     */
    public static LuceneFaqRetriever build(List<FaqEntry> faq, SentenceEncoder encoder, FaqRanking ranking) {
        try {
            Directory dir = new ByteBuffersDirectory();
            write(dir, faq, ranking.usesVectors() ? encoder : null);
            return new LuceneFaqRetriever(dir, ranking);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the FAQ index: " + e.getMessage(), e);
        }
    }

    private static void write(Directory dir, List<FaqEntry> faq, SentenceEncoder encoder) throws IOException {
        List<String> texts = new ArrayList<>();
        List<String> textIds = new ArrayList<>();
        for (FaqEntry e : faq) {
            for (String s : distinctTexts(e)) {
                texts.add(s);
                textIds.add(e.id());
            }
        }
        List<float[]> embedded = encoder == null ? List.of() : encoder.encodeAll(texts);
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new EnglishAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
            for (FaqEntry e : faq) {
                Document d = new Document();
                d.add(new StringField(F_KIND, "entry", Field.Store.YES));
                d.add(new StringField(F_ID, e.id(), Field.Store.YES));
                d.add(new StoredField(F_TOPIC, e.topic() == null ? "" : e.topic()));
                d.add(new TextField(F_QUESTION, nz(e.question()), Field.Store.YES));
                for (String a : e.alternatives()) {
                    d.add(new TextField(F_ALTERNATIVES, nz(a), Field.Store.YES));
                }
                d.add(new TextField(F_ANSWER, nz(e.answer()), Field.Store.YES));
                w.addDocument(d);
            }
            for (int i = 0; i < embedded.size(); i++) {
                float[] v = embedded.get(i).clone();
                if (Vectors.norm(v) == 0) {
                    continue;
                }
                Vectors.normalizeInPlace(v);
                Document d = new Document();
                d.add(new StringField(F_KIND, "vector", Field.Store.YES));
                d.add(new StringField(F_ID, textIds.get(i), Field.Store.YES));
                d.add(new KnnFloatVectorField(F_VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                ByteBuffer buf = ByteBuffer.allocate(v.length * 4);
                buf.asFloatBuffer().put(v);
                d.add(new StoredField(F_VECTOR_BYTES, new BytesRef(buf.array())));
                w.addDocument(d);
            }
            w.forceMerge(1);
        }
    }

    private static List<String> distinctTexts(FaqEntry e) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        if (e.question() != null && !e.question().isBlank()) {
            s.add(e.question());
        }
        for (String a : e.alternatives()) {
            if (a != null && !a.isBlank()) {
                s.add(a);
            }
        }
        if (e.answer() != null && !e.answer().isBlank()) {
            s.add(e.answer());
        }
        return List.copyOf(s);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Writes the index into a folder (created if needed, replaced if present). */
    public void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Directory out = FSDirectory.open(folder);
             IndexWriter w = new IndexWriter(out, new IndexWriterConfig(new EnglishAnalyzer())
                     .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
            w.addIndexes(directory);
            w.forceMerge(1);
        }
    }

    /** Opens an index written by {@link #save}; fails clearly when the folder is missing or corrupt. */
    public static LuceneFaqRetriever open(Path folder, FaqRanking ranking) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("FAQ index folder " + folder + " is missing");
        }
        Directory dir = FSDirectory.open(folder);
        try {
            if (!DirectoryReader.indexExists(dir)) {
                throw new IOException("no Lucene index in " + folder);
            }
            return new LuceneFaqRetriever(dir, ranking);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw new IOException("cannot open the FAQ index in " + folder + ": " + e.getMessage(), e);
        }
    }

    public FaqRanking ranking() {
        return ranking;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public boolean usesEmbeddings() {
        return ranking.usesVectors();
    }

    @Override
    public List<FaqHit> search(String query, float[] embedding, int limit) {
        if (limit <= 0 || entries.isEmpty()) {
            return List.of();
        }
        String q = query == null ? "" : query;
        try {
            Map<String, Double> bm25 = ranking.usesBm25() ? bm25(q) : Map.of();
            Map<String, Double> cosine = ranking.usesVectors() && embedding != null ? nearest(embedding) : Map.of();
            Set<String> candidates = new LinkedHashSet<>(bm25.keySet());
            candidates.addAll(cosine.keySet());
            if (candidates.isEmpty()) {
                return List.of();
            }
            double topBm25 = bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            List<String> queryTerms = List.copyOf(new LinkedHashSet<>(analyze(q)));
            Map<String, Double> score = new HashMap<>();
            for (String id : candidates) {
                double lex = 0;
                if (topBm25 > 0 && bm25.containsKey(id)) {
                    Set<String> terms = questionTerms.getOrDefault(id, Set.of());
                    long covered = queryTerms.stream().filter(terms::contains).count();
                    double coverage = queryTerms.isEmpty() ? 0 : (double) covered / queryTerms.size();
                    lex = bm25.get(id) / topBm25 * coverage;
                }
                double sem = 0;
                if (embedding != null && ranking.usesVectors()) {
                    double c = cosine.containsKey(id) ? cosine.get(id) : bestCosine(id, embedding);
                    sem = Math.max(0, Math.min(1, (c - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)));
                }
                double s = switch (ranking.mode()) {
                    case "bm25" -> lex;
                    case "vector" -> sem;
                    default -> embedding == null ? lex : ranking.vectorWeight() * sem + (1 - ranking.vectorWeight()) * lex;
                };
                score.put(id, s);
            }
            List<String> order = new ArrayList<>(candidates);
            if (ranking.mode().equals("rrf")) {
                Map<String, Double> rrf = new HashMap<>();
                addRanks(rrf, bm25);
                addRanks(rrf, cosine);
                order.sort(Comparator.comparingDouble((String id) -> -rrf.getOrDefault(id, 0.0)).thenComparing(id -> id));
            } else {
                order.sort(Comparator.comparingDouble((String id) -> -score.get(id)).thenComparing(id -> id));
            }
            List<FaqHit> hits = new ArrayList<>();
            for (String id : order.subList(0, Math.min(limit, order.size()))) {
                FaqEntry e = entries.get(id);
                hits.add(new FaqHit(id, e.topic(), e.question(), e.answer(), score.get(id)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("FAQ search failed: " + e.getMessage(), e);
        }
    }

    private static void addRanks(Map<String, Double> rrf, Map<String, Double> scores) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(scores.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (int r = 0; r < sorted.size(); r++) {
            rrf.merge(sorted.get(r).getKey(), 1.0 / (RRF_K + r + 1), Double::sum);
        }
    }

    private Map<String, Double> bm25(String q) throws IOException {
        List<String> terms = analyze(q);
        if (terms.isEmpty()) {
            return Map.of();
        }
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        for (String t : new LinkedHashSet<>(terms).stream().limit(MAX_QUERY_TERMS).toList()) {
            for (Map.Entry<String, Float> f : FIELD_BOOSTS.entrySet()) {
                text.add(new BoostQuery(new TermQuery(new Term(f.getKey(), t)), f.getValue()), BooleanClause.Occur.SHOULD);
            }
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(text.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(F_KIND, "entry")), BooleanClause.Occur.FILTER)
                .build();
        TopDocs top = searcher.search(query, ranking.candidates());
        Map<String, Double> out = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            out.put(idByDoc[sd.doc], (double) sd.score);
        }
        return out;
    }

    private Map<String, Double> nearest(float[] embedding) throws IOException {
        if (vectors.isEmpty() || Vectors.norm(embedding) == 0) {
            return Map.of();
        }
        float[] q = Vectors.normalizeInPlace(embedding.clone());
        TopDocs top = searcher.search(new KnnFloatVectorQuery(F_VECTOR, q, ranking.candidates() * 2), ranking.candidates() * 2);
        Map<String, Double> out = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            String id = idByDoc[sd.doc];
            if (!out.containsKey(id) && out.size() < ranking.candidates()) {
                out.put(id, bestCosine(id, q));
            }
        }
        return out;
    }

    private double bestCosine(String id, float[] q) {
        double best = -1;
        for (float[] v : vectors.getOrDefault(id, List.of())) {
            if (v.length == q.length) {
                best = Math.max(best, Vectors.dot(v, q));
            }
        }
        return best;
    }

    private List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < 512) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
