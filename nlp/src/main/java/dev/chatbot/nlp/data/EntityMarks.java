package dev.chatbot.nlp.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes inline entity marks: {@code where is my order [A1B2C3](order_id)} becomes the plain text
 * {@code where is my order A1B2C3} with an {@link EntitySpan} of type {@code order_id} over {@code A1B2C3}.
 * A literal bracket is written {@code \[} or {@code \]}.
 */
public final class EntityMarks {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]+");

    private EntityMarks() {
    }

    /**
     * The result of parsing one example.
     *
     * @param text   plain text, marks removed
     * @param spans  marked entities in order
     * @param error  what is malformed, if anything (then {@code text} and {@code spans} hold what came before it)
     */
    public record Parsed(String text, List<EntitySpan> spans, Optional<String> error) {
        public Parsed {
            spans = List.copyOf(spans);
        }
    }

    /** Parses marks in one example; never throws. */
    public static Parsed parse(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        List<EntitySpan> spans = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < n && (raw.charAt(i + 1) == '[' || raw.charAt(i + 1) == ']')) {
                out.append(raw.charAt(i + 1));
                i += 2;
            } else if (c == ']') {
                return failed(out, spans, "unbalanced ']' at column " + (i + 1) + " (write \\] for a literal bracket)");
            } else if (c == '[') {
                int open = i;
                int close = -1;
                for (int j = i + 1; j < n; j++) {
                    char d = raw.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        j++;
                    } else if (d == '[') {
                        return failed(out, spans, "entity mark opened at column " + (open + 1)
                                + " contains another '[' at column " + (j + 1));
                    } else if (d == ']') {
                        close = j;
                        break;
                    }
                }
                if (close < 0) {
                    return failed(out, spans, "entity mark opened at column " + (open + 1)
                            + " is not closed with ']' (write \\[ for a literal bracket)");
                }
                if (close + 1 >= n || raw.charAt(close + 1) != '(') {
                    return failed(out, spans, "entity mark at column " + (open + 1)
                            + " must be followed by '(entity_type)' right after ']'");
                }
                int typeEnd = raw.indexOf(')', close + 2);
                if (typeEnd < 0) {
                    return failed(out, spans, "entity type after column " + (close + 2) + " is not closed with ')'");
                }
                String type = raw.substring(close + 2, typeEnd).strip();
                if (type.isEmpty() || !TYPE.matcher(type).matches()) {
                    return failed(out, spans, "malformed entity type '" + type + "' at column " + (close + 3));
                }
                String inner = unescape(raw.substring(open + 1, close));
                if (inner.isBlank()) {
                    return failed(out, spans, "empty entity mark at column " + (open + 1));
                }
                int lead = inner.length() - inner.stripLeading().length();
                String stripped = inner.strip();
                int start = out.length() + lead;
                out.append(inner);
                spans.add(new EntitySpan(type, start, start + stripped.length()));
                i = typeEnd + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Parsed(out.toString(), spans, Optional.empty());
    }

    /** Writes an example back with its marks (the inverse of {@link #parse}). */
    public static String format(String text, List<EntitySpan> spans) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (EntitySpan s : spans.stream().sorted(java.util.Comparator.comparingInt(EntitySpan::start)).toList()) {
            if (s.start() < pos || s.end() > text.length()) {
                continue;
            }
            sb.append(escape(text.substring(pos, s.start())));
            sb.append('[').append(escape(text.substring(s.start(), s.end()))).append("](").append(s.type()).append(')');
            pos = s.end();
        }
        sb.append(escape(text.substring(pos)));
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("[", "\\[").replace("]", "\\]");
    }

    private static String unescape(String s) {
        return s.replace("\\[", "[").replace("\\]", "]");
    }

    private static Parsed failed(StringBuilder out, List<EntitySpan> spans, String message) {
        return new Parsed(out.toString(), spans, Optional.of(message));
    }
}
