package dev.chatbot.nlp.text;

import dev.chatbot.nlp.pipeline.Analysis;
import dev.chatbot.nlp.pipeline.NluStep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Pipeline step {@code tokens}: writes the message's tokens into the analysis. */
public final class TokensStep implements NluStep {

    static final String MARKER = "tokenizer.txt";

    private final Tokenizer tokenizer;

    public TokensStep(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public void apply(Analysis analysis) {
        analysis.tokens(tokenizer.tokenize(analysis.text()));
    }

    @Override
    public void save(Path folder) throws IOException {
        Files.writeString(folder.resolve(MARKER), OpenNlpTokenizer.MODEL_RESOURCE + "\n");
    }
}
