package dev.chatbot.nlp.bench;

import dev.chatbot.nlp.SentimentPrediction;
import dev.chatbot.nlp.data.SentimentExample;
import dev.chatbot.nlp.data.TrainingData;
import dev.chatbot.nlp.embedding.MiniLmSentenceEncoder;
import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.Progress;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.sentiment.SentimentStep;
import dev.chatbot.nlp.sentiment.SentimentStepTrainer;

import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the sentiment step on a folder's {@code train/} and measures accuracy on its {@code test/}, with
 * and without sentence embeddings. Argument: the folder (default: the project's own sentiment dev set in
 * test resources).
 */
public final class SentimentBench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/sentiment-dev");
        TrainingData train = BenchmarkFolders.read(root.resolve("train"));
        TrainingData test = BenchmarkFolders.read(root.resolve("test"));
        try (MiniLmSentenceEncoder encoder = MiniLmSentenceEncoder.create()) {
            for (String emb : new String[]{"false", "true"}) {
                long t0 = System.nanoTime();
                SentimentStep step = (SentimentStep) new SentimentStepTrainer().train(train,
                        new StepContext(encoder, Map.of("embeddings", emb), Progress.NONE, 42));
                double sec = (System.nanoTime() - t0) / 1e9;
                int ok = 0;
                int negTotal = 0;
                int negCaught = 0;
                for (SentimentExample e : test.sentiment()) {
                    Analysis a = new Analysis(e.text(), encoder);
                    step.apply(a);
                    SentimentPrediction p = a.sentiment();
                    ok += p.label().equals(e.label()) ? 1 : 0;
                    if (e.label().equals(SentimentPrediction.NEGATIVE)) {
                        negTotal++;
                        negCaught += p.label().equals(SentimentPrediction.NEGATIVE) ? 1 : 0;
                    }
                }
                System.out.printf("sentiment (%s) embeddings=%s: %d train / %d test, accuracy %.2f%%, negative recall %.2f%%, "
                                + "train %.1f s, measured %s%n", root, emb, train.sentiment().size(), test.sentiment().size(),
                        100.0 * ok / test.sentiment().size(), 100.0 * negCaught / negTotal, sec, step.meta().measured());
            }
        }
    }
}
