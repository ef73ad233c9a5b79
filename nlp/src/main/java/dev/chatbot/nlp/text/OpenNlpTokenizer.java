package dev.chatbot.nlp.text;

import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * OpenNLP's learned English tokenizer (the UD English-EWT model shipped in the
 * {@code opennlp-models-tokenizer-en} jar). The model is read once per process from the class path.
 */
public final class OpenNlpTokenizer implements Tokenizer {

    /** The model file inside the models jar; also recorded in saved steps. */
    public static final String MODEL_RESOURCE = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

    private static final class Holder {
        static final TokenizerModel MODEL = read();

        private static TokenizerModel read() {
            try (InputStream in = OpenNlpTokenizer.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("tokenizer model " + MODEL_RESOURCE
                            + " is not on the class path (dependency org.apache.opennlp:opennlp-models-tokenizer-en)");
                }
                return new TokenizerModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read tokenizer model " + MODEL_RESOURCE, e);
            }
        }
    }

    private final InstancePool<TokenizerME> tokenizers = new InstancePool<>(() -> new TokenizerME(Holder.MODEL));

    @Override
    public List<String> tokenize(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.asList(tokenizers.with(t -> t.tokenize(text)));
    }

    @Override
    public List<int[]> spans(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Span[] spans = tokenizers.with(t -> t.tokenizePos(text));
        return Arrays.stream(spans).map(s -> new int[] {s.getStart(), s.getEnd()}).toList();
    }
}
