package dev.chatbot.connectors.admin;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One YAML file parsed into SnakeYAML's node tree, with the positions of every node as character offsets in the
 * text, so that an edit can replace exactly the characters of what changed and keep everything else (comments,
 * blank lines, quoting, key order) as it was written.
 *
 * <p>Parsing uses the node API only (no objects are built from tags) with the same limits as the training-data
 * loader: few aliases, bounded nesting and size, so a YAML bomb is refused here too.
 */
final class YamlSource {

    /** Limits for files the admin API reads or is sent. */
    static final int MAX_ALIASES = 20;
    static final int MAX_NESTING = 16;

    final String text;
    final MappingNode root;
    private final int[] lineStarts;

    private YamlSource(String text, MappingNode root) {
        this.text = text;
        this.root = root;
        this.lineStarts = lineStarts(text);
    }

    /**
     * Parses a whole file whose top level must be a mapping.
     *
     * @throws YamlEditException for syntax errors (with the line), YAML bombs, and anything but a mapping at the top
     */
    static YamlSource parse(String text, int maxChars) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.length() > maxChars) {
            throw new YamlEditException("the YAML text is too large: " + t.length() + " characters (limit " + maxChars + ")");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(Math.max(1, maxChars));
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        Node node;
        try {
            node = new Composer(new ParserImpl(new StreamReader(new StringReader(t)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new YamlEditException("YAML syntax error" + (mark != null ? " at line " + (mark.getLine() + 1) : "")
                    + ": " + oneLine(what), mark == null ? 0 : mark.getLine() + 1);
        } catch (YAMLException e) {
            throw new YamlEditException("YAML error: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new YamlEditException("cannot parse YAML: " + oneLine(String.valueOf(e.getMessage())));
        }
        if (!(node instanceof MappingNode m)) {
            throw new YamlEditException(node == null ? "the file is empty" : "the file must be a mapping of keys");
        }
        return new YamlSource(t, m);
    }

    static String oneLine(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    // ---------------------------------------------------------------- values

    /**
     * The plain value of a node: mappings become ordered maps, sequences lists, scalars their text (booleans become
     * {@link Boolean}). Fails on aliases, which an edit could not place.
     */
    Object value(Node n) {
        return value(n, new IdentityHashMap<>());
    }

    private Object value(Node n, IdentityHashMap<Node, Boolean> seen) {
        if (seen.put(n, Boolean.TRUE) != null || n.getAnchor() != null) {
            throw new YamlEditException("the file uses YAML anchors or aliases");
        }
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.BOOL)) {
                String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
                return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
            }
            return s.getValue();
        }
        if (n instanceof SequenceNode q) {
            List<Object> out = new ArrayList<>();
            for (Node item : q.getValue()) {
                out.add(value(item, seen));
            }
            return out;
        }
        MappingNode m = (MappingNode) n;
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlEditException("keys must be plain text");
            }
            seen.put(k, Boolean.TRUE);
            out.put(k.getValue(), value(t.getValueNode(), seen));
        }
        return out;
    }

    /**
     * A canonical text of a value, equal for values YAML considers equal: maps compare without regard to key order,
     * scalars by their text (numbers are text, as the training-data loader reads them), booleans apart from text.
     */
    static String canonical(Object v) {
        StringBuilder sb = new StringBuilder();
        canonical(v, sb);
        return sb.toString();
    }

    private static void canonical(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("n;");
        } else if (v instanceof Boolean b) {
            sb.append("b:").append(b).append(';');
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            sorted.forEach((k, x) -> {
                sb.append(k.length()).append(':').append(k);
                canonical(x, sb);
            });
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            l.forEach(x -> canonical(x, sb));
            sb.append(']');
        } else {
            String s = String.valueOf(v);
            sb.append("s").append(s.length()).append(':').append(s);
        }
    }

    // ---------------------------------------------------------------- positions

    /** Character offset of a mark (marks count code points per line). */
    int offset(Mark m) {
        int line = Math.min(m.getLine(), lineStarts.length - 1);
        int start = lineStarts[line];
        int end = lineEnd(line);
        int cps = text.codePointCount(start, end);
        if (m.getColumn() >= cps) {
            return end + (m.getColumn() - cps);
        }
        return text.offsetByCodePoints(start, m.getColumn());
    }

    int start(Node n) {
        return offset(n.getStartMark());
    }

    /** Offset just after the last character that belongs to the node (trailing comments and blank lines excluded). */
    int contentEnd(Node n) {
        if (n instanceof MappingNode m && !isFlow(n) && !m.getValue().isEmpty()) {
            NodeTuple last = m.getValue().get(m.getValue().size() - 1);
            return Math.max(contentEnd(last.getKeyNode()), contentEnd(last.getValueNode()));
        }
        if (n instanceof SequenceNode s && !isFlow(n) && !s.getValue().isEmpty()) {
            return contentEnd(s.getValue().get(s.getValue().size() - 1));
        }
        int start = start(n);
        int end = Math.min(text.length(), offset(n.getEndMark()));
        while (end > start && isSpaceOrBreak(text.charAt(end - 1))) {
            end--;
        }
        return Math.max(start, end);
    }

    static boolean isFlow(Node n) {
        if (n instanceof MappingNode m) {
            return m.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW;
        }
        if (n instanceof SequenceNode s) {
            return s.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW;
        }
        return false;
    }

    private static boolean isSpaceOrBreak(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int lineCount() {
        return lineStarts.length;
    }

    int lineStart(int line) {
        return lineStarts[line];
    }

    /** Offset of the end of a line's content, before its line break. */
    int lineEnd(int line) {
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
        while (end > lineStarts[line] && isBreak(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    /** Offset of the start of the next line (the text's length after the last line). */
    int nextLineStart(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length();
    }

    /** The column (in characters) of an offset within its line. */
    int column(int offset) {
        return offset - lineStarts[lineOf(offset)];
    }

    String line(int line) {
        return text.substring(lineStarts[line], lineEnd(line));
    }

    boolean isBlank(int line) {
        return line(line).isBlank();
    }

    boolean isComment(int line) {
        return line(line).strip().startsWith("#");
    }

    /** True when only spaces stand between the start of the offset's line and the offset. */
    boolean startsLine(int offset) {
        return text.substring(lineStarts[lineOf(offset)], offset).isBlank();
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Line starts counted the way SnakeYAML counts lines (CR LF, CR, LF, NEL, LS and PS break lines). */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                starts.add(i + 1);
            } else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The newline the file uses (CR LF when its first line break is one). */
    String newline() {
        int i = text.indexOf('\n');
        return i > 0 && text.charAt(i - 1) == '\r' ? "\r\n" : "\n";
    }

    // ---------------------------------------------------------------- where a line is

    /**
     * The path of the innermost value that covers a line, like {@code entries[2].answer} or {@code examples[4]}; empty
     * when the line is outside every value. Lets an error at a line point at the field an admin edits.
     */
    String pathAt(int line) {
        StringBuilder path = new StringBuilder();
        locate(root, line - 1, path);
        return path.toString();
    }

    private void locate(Node n, int line0, StringBuilder path) {
        if (n instanceof MappingNode m && !isFlow(m)) {
            for (NodeTuple t : m.getValue()) {
                int from = t.getKeyNode().getStartMark().getLine();
                int to = lineOf(contentEnd(t.getValueNode()));
                if (line0 >= from && line0 <= to && t.getKeyNode() instanceof ScalarNode k) {
                    path.append(path.isEmpty() ? "" : ".").append(k.getValue());
                    locate(t.getValueNode(), line0, path);
                    return;
                }
            }
        } else if (n instanceof SequenceNode s && !isFlow(s)) {
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) {
                int from = items.get(i).getStartMark().getLine();
                int to = lineOf(contentEnd(items.get(i)));
                if (line0 >= from && line0 <= to) {
                    path.append('[').append(i).append(']');
                    locate(items.get(i), line0, path);
                    return;
                }
            }
        }
    }
}
