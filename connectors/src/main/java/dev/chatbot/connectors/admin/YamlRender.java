package dev.chatbot.connectors.admin;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes values as YAML in the training-data folder's house style: two-space indentation, sequences indented under
 * their key, texts plain when that is unambiguous, otherwise single-quoted, and double-quoted only for texts with line
 * breaks or control characters. Short word lists ({@code tags}, {@code synonyms}) are written in flow style
 * ({@code [a, b]}).
 */
final class YamlRender {

    /** Keys whose lists are written on one line. */
    static final Set<String> FLOW_KEYS = Set.of("tags", "synonyms");

    private static final Resolver RESOLVER = new Resolver();
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    private final String nl;

    YamlRender(String newline) {
        this.nl = newline;
    }

    // ---------------------------------------------------------------- scalars

    /** A scalar in block context. */
    static String scalar(Object v) {
        return scalar(v, false);
    }

    /** A scalar; inside a flow collection commas and brackets need quotes too. */
    static String scalar(Object v, boolean flow) {
        if (v instanceof Boolean || v instanceof Number) {
            return String.valueOf(v);
        }
        String s = String.valueOf(v);
        if (plainSafe(s, flow)) {
            return s;
        }
        if (!needsDoubleQuotes(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        return doubleQuoted(s);
    }

    static boolean plainSafe(String s, boolean flow) {
        if (s.isEmpty() || !s.equals(s.strip()) || INDICATORS.indexOf(s.charAt(0)) >= 0) {
            return false;
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":") || s.contains("\t") || needsDoubleQuotes(s)) {
            return false;
        }
        if (flow && (s.indexOf(',') >= 0 || s.indexOf('[') >= 0 || s.indexOf(']') >= 0 || s.indexOf('{') >= 0
                || s.indexOf('}') >= 0)) {
            return false;
        }
        // a text that YAML would read as a number, boolean, null or date is quoted, so it stays text for every reader
        return RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR);
    }

    private static boolean needsDoubleQuotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                    || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                            || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---------------------------------------------------------------- collections

    /** A value on one line: scalars, and lists and maps in flow style. */
    static String inline(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(inlineInFlow(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ == 0 ? "" : ", ").append(key(String.valueOf(e.getKey()))).append(": ")
                        .append(inlineInFlow(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return scalar(v);
    }

    private static String inlineInFlow(Object v) {
        return v instanceof List<?> || v instanceof Map<?, ?> ? inline(v) : scalar(v, true);
    }

    static boolean isScalar(Object v) {
        return !(v instanceof List<?>) && !(v instanceof Map<?, ?>);
    }

    static String key(String k) {
        return plainSafe(k, true) ? k : scalar(k, true);
    }

    /**
     * {@code key: value} starting at the current position; further lines are indented by {@code column}, the column of
     * the key. No line break at the end.
     */
    String tuple(String key, Object value, int column) {
        return key(key) + ":" + afterKey(key, value, column);
    }

    /** What follows {@code key:}: an inline value after a space, or block lines below. */
    String afterKey(String key, Object value, int column) {
        if (isScalar(value)) {
            return " " + scalar(value);
        }
        if (value instanceof List<?> l) {
            if (l.isEmpty() || FLOW_KEYS.contains(key) && l.stream().allMatch(YamlRender::isScalar)) {
                return " " + inline(l);
            }
            StringBuilder sb = new StringBuilder();
            for (Object item : l) {
                sb.append(nl).append(" ".repeat(column + 2)).append("- ").append(item(item, column + 4));
            }
            return sb.toString();
        }
        Map<?, ?> m = (Map<?, ?>) value;
        if (m.isEmpty()) {
            return " {}";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            sb.append(nl).append(" ".repeat(column + 2)).append(tuple(String.valueOf(e.getKey()), e.getValue(), column + 2));
        }
        return sb.toString();
    }

    /** A sequence item after its {@code "- "}; a mapping's later keys are indented by {@code column}. */
    String item(Object value, int column) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            return mappingLines(m, column, false);
        }
        return inline(value);
    }

    /** The keys of a mapping, one per line at {@code column}; the first line is not indented unless asked. */
    String mappingLines(Map<?, ?> m, int column, boolean indentFirst) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (i++ > 0) {
                sb.append(nl);
            }
            if (i > 1 || indentFirst) {
                sb.append(" ".repeat(column));
            }
            sb.append(tuple(String.valueOf(e.getKey()), e.getValue(), column));
        }
        return sb.toString();
    }

    /** A whole file. */
    String document(Map<String, Object> root) {
        return mappingLines(root, 0, true) + nl;
    }
}
