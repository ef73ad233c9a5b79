package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.data.IntentDefinition;
import dev.chatbot.nlp.data.IntentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the MiniLM encoder on real benchmark sentences: single-sentence latency (p50/p99), and
 * throughput of {@code encodeAll} for several batch sizes and thread layouts. Run by hand:
 * <pre>mvn -q -pl nlp test-compile exec:java ... or java -cp ... dev.chatbot.nlp.bench.EncoderBench [n]</pre>
 */
public final class EncoderBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        TrainingData data = BenchmarkFolders.read(BenchmarkFolders.devBenchmarks().resolve("hwu64/train"));
        List<String> texts = new ArrayList<>();
        for (IntentDefinition d : data.intents()) {
            for (IntentExample e : d.examples()) {
                texts.add(e.text());
            }
        }
        java.util.Collections.shuffle(texts, new java.util.Random(7));
        List<String> sample = texts.subList(0, Math.min(n, texts.size()));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("texts=%d cores=%d%n", sample.size(), cores);

        record Layout(String name, int batch, int workers, int intraOp) { }
        List<Layout> layouts = List.of(
                new Layout("one-by-one, 1 thread", 1, 1, 1),
                new Layout("one-by-one, 2 intra-op threads", 1, 1, cores),
                new Layout("batch 8, 1 thread", 8, 1, 1),
                new Layout("batch 32, 1 thread", 32, 1, 1),
                new Layout("batch 32, 2 intra-op threads", 32, 1, cores),
                new Layout("batch 8, " + cores + " workers", 8, cores, 1),
                new Layout("batch 32, " + cores + " workers", 32, cores, 1),
                new Layout("batch 128, " + cores + " workers", 128, cores, 1));
        for (Layout l : layouts) {
            MiniLmSentenceEncoder.Options o = MiniLmSentenceEncoder.Options.defaults()
                    .withCacheCapacity(0).withBatchSize(l.batch()).withThreads(l.workers(), l.intraOp());
            try (MiniLmSentenceEncoder enc = MiniLmSentenceEncoder.create(o)) {
                enc.encodeAll(sample.subList(0, 64)); // warm-up
                long t0 = System.nanoTime();
                enc.encodeAll(sample);
                double sec = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%-34s %7.2f s  %6.2f ms/sentence%n", l.name(), sec, 1000 * sec / sample.size());
            }
        }
        // single-message latency as the server sees it (cache off, default options)
        for (int intra : new int[]{1, cores}) {
            try (MiniLmSentenceEncoder enc = MiniLmSentenceEncoder.create(MiniLmSentenceEncoder.Options.defaults()
                    .withCacheCapacity(0).withThreads(1, intra))) {
                int m = Math.min(500, sample.size());
                for (int i = 0; i < 50; i++) {
                    enc.encode(sample.get(i));
                }
                double[] ms = new double[m];
                for (int i = 0; i < m; i++) {
                    long t0 = System.nanoTime();
                    enc.encode(sample.get(i));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("encode() intra-op=%d: p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", intra,
                        ms[m / 2], ms[(int) Math.ceil(m * 0.99) - 1], ms[m - 1]);
            }
        }
    }
}
