package dev.chatbot.nlp.faq;

import dev.chatbot.nlp.pipeline.NluStep;
import dev.chatbot.nlp.pipeline.StepContext;
import dev.chatbot.nlp.pipeline.StepTrainer;
import dev.chatbot.nlp.data.TrainingData;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds the {@code faq} step's index from the FAQ entries. Settings (optional): {@code ranking}
 * ({@code hybrid} by default, or {@code rrf}, {@code bm25}, {@code vector}), {@code vector_weight}
 * (default 0.8, chosen on the project's FAQ dev set, see docs/nlu-quality.md), {@code candidates} (default 50), {@code limit}
 * (hits per message, default 5).
 */
public final class FaqStepTrainer implements StepTrainer {

    @Override
    public String name() {
        return FaqStep.NAME;
    }

    @Override
    public NluStep train(TrainingData data, StepContext context) {
        FaqRanking d = FaqRanking.defaults();
        FaqRanking ranking = new FaqRanking(context.setting("ranking", d.mode()),
                context.setting("vector_weight", d.vectorWeight()), context.setting("candidates", d.candidates()));
        int limit = context.setting("limit", 5);
        if (limit < 1) {
            throw new IllegalArgumentException("faq: limit must be >= 1, was " + limit);
        }
        context.progress().update("faq: indexing entries", 0, data.faq().size());
        LuceneFaqRetriever r = LuceneFaqRetriever.build(data.faq(), context.encoder(), ranking);
        context.progress().update("faq: indexing entries", data.faq().size(), data.faq().size());
        FaqStep.Meta meta = new FaqStep.Meta(FaqStep.FORMAT, ranking.usesVectors() ? context.encoder().modelId() : "",
                ranking.mode(), ranking.vectorWeight(), ranking.candidates(), limit, r.size());
        return new FaqStep(r, meta, context.encoder());
    }

    @Override
    public NluStep load(Path folder, StepContext context) throws IOException {
        return FaqStep.load(folder, context.encoder());
    }
}
