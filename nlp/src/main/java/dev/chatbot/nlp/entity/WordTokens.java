package dev.chatbot.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simple tokenization the entity finders share: runs of letters and digits are tokens, every other
 * non-space character is a token of its own. Keeps character offsets so mentions map back to the text.
 */
final class WordTokens {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+|[^\\s\\p{L}\\p{N}\\p{M}]");

    /** One token with its offsets. */
    record Token(String text, int start, int end) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    private WordTokens() {
    }

    static List<Token> of(String text) {
        return of(text, 0, text.length());
    }

    static List<Token> of(String text, int from, int to) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text).region(from, to);
        while (m.find()) {
            out.add(new Token(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** Lower-cased tokens joined by single spaces: the key lookup forms are compared by. */
    static String key(String text) {
        StringBuilder sb = new StringBuilder();
        for (Token t : of(text)) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.lower());
        }
        return sb.toString();
    }
}
