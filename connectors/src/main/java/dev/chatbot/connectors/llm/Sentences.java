package dev.chatbot.connectors.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where sentences end, for checking a streamed answer one sentence at a time. */
final class Sentences {

    /** A sentence ends at . ! ? (with closing quotes or brackets) followed by white space, or at a line break. */
    private static final Pattern END = Pattern.compile("[.!?\u2026][\"')\\]\u201d\u2019]*(?=\\s)|\\n");

    private Sentences() {
    }

    /** The index just past the last complete sentence in {@code text}, or 0 if there is none yet. */
    static int lastBoundary(String text) {
        Matcher m = END.matcher(text);
        int last = 0;
        while (m.find()) {
            last = m.end();
        }
        return last;
    }

    /** The text split into trimmed, non-empty sentences. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = END.matcher(text);
        int start = 0;
        while (m.find()) {
            add(out, text.substring(start, m.end()));
            start = m.end();
        }
        add(out, text.substring(start));
        return out;
    }

    private static void add(List<String> out, String sentence) {
        String s = sentence.strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }
}
