package dev.chatbot.nlp.text;

import java.util.List;

/** Splits a message into word tokens. Thread-safe. */
public interface Tokenizer {

    List<String> tokenize(String text);

    /** Token spans as {@code [start, end)} character offsets into the text. */
    List<int[]> spans(String text);
}
