package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.FaqHit;
import dev.chatbot.nlp.data.FaqQuery;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.faq.FaqRanking;
import dev.chatbot.nlp.faq.LuceneFaqRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares FAQ ranking modes on a folder with {@code faq/} and {@code tests/faq-queries.yml} (default: the
 * project's FAQ dev set in test resources): MAP, MRR, recall@1 and @5, search latency, and the mean top
 * score of the dev queries against that of unrelated questions (how well the score separates them).
 */
public final class FaqBench {

    static final List<String> UNRELATED = List.of("what's the weather in paris tomorrow", "who won the world cup in 2014",
            "tell me a joke", "how do i bake sourdough bread", "what is the capital of australia",
            "recommend a good movie for tonight", "how tall is the eiffel tower", "translate hello into japanese",
            "what's 17 times 23", "play some jazz music", "how do i fix a flat bike tyre", "who wrote hamlet",
            "is it going to snow this weekend", "best pizza place near me", "how old is the universe",
            "set an alarm for 7 am", "what's the score of the game", "how do i learn to swim", "what is quantum computing",
            "book me a flight to rome");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/faq-dev");
        TrainingData data = BenchmarkFolders.read(root);
        List<FaqRanking> modes = new ArrayList<>(List.of(new FaqRanking("bm25", 0, 50), new FaqRanking("vector", 1, 50)));
        for (double w : new double[]{0.3, 0.5, 0.6, 0.7, 0.8, 0.9}) {
            modes.add(new FaqRanking("hybrid", w, 50));
        }
        modes.add(new FaqRanking("rrf", 0.7, 50));
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            System.out.printf("FAQ dev set %s: %d entries, %d queries%n", root, data.faq().size(), data.faqQueries().size());
            System.out.printf("%-16s %6s %6s %6s %6s %10s %10s %10s%n", "ranking", "MAP", "MRR", "R@1", "R@5", "top score",
                    "unrelated", "search p50");
            for (FaqRanking r : modes) {
                try (LuceneFaqRetriever retriever = LuceneFaqRetriever.build(data.faq(), encoder, r)) {
                    double map = 0, mrr = 0, r1 = 0, r5 = 0, top = 0;
                    double[] ms = new double[data.faqQueries().size()];
                    int qi = 0;
                    for (FaqQuery q : data.faqQueries()) {
                        float[] e = encoder.encode(q.text());
                        long t0 = System.nanoTime();
                        List<FaqHit> hits = retriever.search(q.text(), e, 20);
                        ms[qi++] = (System.nanoTime() - t0) / 1e6;
                        map += averagePrecision(hits, q.relevant());
                        for (int i = 0; i < hits.size(); i++) {
                            if (q.relevant().contains(hits.get(i).id())) {
                                mrr += 1.0 / (i + 1);
                                break;
                            }
                        }
                        r1 += recallAt(hits, q.relevant(), 1);
                        r5 += recallAt(hits, q.relevant(), 5);
                        top += hits.isEmpty() ? 0 : hits.get(0).score();
                    }
                    double unrelated = 0;
                    for (String u : UNRELATED) {
                        List<FaqHit> hits = retriever.search(u, encoder.encode(u), 1);
                        unrelated += hits.isEmpty() ? 0 : hits.get(0).score();
                    }
                    int n = data.faqQueries().size();
                    String name = r.mode().equals("hybrid") ? "hybrid w=" + r.vectorWeight() : r.mode();
                    System.out.printf("%-16s %6.3f %6.3f %6.3f %6.3f %10.3f %10.3f %7.2f ms%n", name, map / n, mrr / n, r1 / n,
                            r5 / n, top / n, unrelated / UNRELATED.size(), IntentMethodsBench.pct(ms, 0.5));
                }
            }
        }
    }

    static double averagePrecision(List<FaqHit> hits, List<String> relevant) {
        double found = 0;
        double sum = 0;
        for (int i = 0; i < hits.size(); i++) {
            if (relevant.contains(hits.get(i).id())) {
                found++;
                sum += found / (i + 1);
            }
        }
        return relevant.isEmpty() ? 0 : sum / relevant.size();
    }

    static double recallAt(List<FaqHit> hits, List<String> relevant, int k) {
        long f = hits.stream().limit(k).filter(h -> relevant.contains(h.id())).count();
        return relevant.isEmpty() ? 0 : (double) f / relevant.size();
    }
}
