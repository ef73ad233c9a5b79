package dev.chatbot.connectors.admin;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes a YAML file to hold a new value while keeping the text of everything that did not change: comments, blank
 * lines, quoting and the order of keys and list items. Only the characters of changed values are rewritten; new keys
 * and list items are written in the file's indentation next to their neighbours; removed ones take their own lines
 * (and the comment lines directly above them) with them.
 *
 * <p>Lists are matched item by item (longest common subsequence), so adding, removing or editing one example or one
 * FAQ entry touches only that item; an edited mapping item (a FAQ entry, an entity value) keeps its unchanged keys.
 *
 * <p>The result is parsed again and must hold exactly the wanted value; when it does not (an exotic layout this editor
 * does not handle), {@link #apply} throws and the caller writes the file afresh instead.
 */
final class YamlEdit {

    /** Beyond this many item comparisons a list's changed middle is replaced as a whole. */
    private static final long LCS_BUDGET = 4_000_000L;

    private final YamlSource src;
    private final YamlRender render;
    private final List<Edit> edits = new ArrayList<>();
    private int seq;

    private record Edit(int start, int end, String text, int seq) {
    }

    private YamlEdit(YamlSource src) {
        this.src = src;
        this.render = new YamlRender(src.newline());
    }

    /**
     * The text of {@code oldText} changed to hold {@code wanted}.
     *
     * @throws YamlEditException when the old text cannot be parsed or the change cannot be made in place
     */
    static String apply(String oldText, Map<String, Object> wanted, int maxChars) {
        String base = oldText.startsWith("\uFEFF") ? oldText.substring(1) : oldText;
        if (!base.isEmpty() && !endsWithBreak(base)) {
            base = base + (base.contains("\r\n") ? "\r\n" : "\n");
        }
        YamlSource src = YamlSource.parse(base, maxChars);
        YamlEdit edit = new YamlEdit(src);
        edit.mapping(src.root, wanted);
        String out = edit.result();
        YamlSource check = YamlSource.parse(out, Math.max(maxChars, out.length()));
        if (!YamlSource.canonical(check.value(check.root)).equals(YamlSource.canonical(wanted))) {
            throw new YamlEditException("the edited text does not read back as the wanted value");
        }
        return out;
    }

    /** A new file for a value, in the house style. */
    static String render(Map<String, Object> wanted) {
        return new YamlRender("\n").document(wanted);
    }

    private static boolean endsWithBreak(String s) {
        char c = s.charAt(s.length() - 1);
        return c == '\n' || c == '\r';
    }

    // ---------------------------------------------------------------- mappings

    private void mapping(MappingNode m, Map<String, Object> wanted) {
        List<NodeTuple> tuples = m.getValue();
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : tuples) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlEditException("keys must be plain text");
            }
            keys.add(k.getValue());
        }
        boolean compact = !tuples.isEmpty() && !src.startsLine(src.start(tuples.get(0).getKeyNode()));
        int column = tuples.isEmpty() ? 0 : src.column(src.start(tuples.get(0).getKeyNode()));
        Set<Integer> deleted = new HashSet<>();
        for (int i = 0; i < tuples.size(); i++) {
            if (!wanted.containsKey(keys.get(i))) {
                deleted.add(i);
            }
        }
        if (deleted.size() == tuples.size() && !tuples.isEmpty()) {
            throw new YamlEditException("every key of a mapping changes");
        }
        // removals
        int from = 0;
        if (compact && deleted.contains(0)) {
            // the first keys share the line of the item's "- ": pull the first kept key up to their place
            int j = firstKept(tuples.size(), deleted);
            edit(src.start(tuples.get(0).getKeyNode()), src.start(tuples.get(j).getKeyNode()), "");
            from = j;
        }
        for (int i = from; i < tuples.size(); i++) {
            if (deleted.contains(i)) {
                deleteLines(src.lineOf(src.start(tuples.get(i).getKeyNode())),
                        src.lineOf(src.contentEnd(tuples.get(i).getValueNode())), false);
            }
        }
        // changes of kept keys
        for (int i = 0; i < tuples.size(); i++) {
            if (deleted.contains(i)) {
                continue;
            }
            NodeTuple t = tuples.get(i);
            Object want = wanted.get(keys.get(i));
            Node old = t.getValueNode();
            if (YamlSource.canonical(src.value(old)).equals(YamlSource.canonical(want))) {
                continue;
            }
            value(keys.get(i), t, want, column);
        }
        // new keys, each after the nearest earlier wanted key that the file already has
        List<String> wantedKeys = new ArrayList<>(wanted.keySet());
        for (int w = 0; w < wantedKeys.size(); w++) {
            String key = wantedKeys.get(w);
            if (keys.contains(key)) {
                continue;
            }
            int anchor = -1;
            for (int p = w - 1; p >= 0 && anchor < 0; p--) {
                int idx = keys.indexOf(wantedKeys.get(p));
                if (idx >= 0 && !deleted.contains(idx)) {
                    anchor = idx;
                }
            }
            String tuple = render.tuple(key, wanted.get(key), column);
            if (anchor >= 0) {
                int at = src.nextLineStart(src.lineOf(src.contentEnd(tuples.get(anchor).getValueNode())));
                edit(at, at, " ".repeat(column) + tuple + src.newline());
            } else if (tuples.isEmpty()) {
                throw new YamlEditException("an empty mapping gets keys");
            } else {
                int first = firstKept(tuples.size(), deleted);
                int keyStart = src.start(tuples.get(first).getKeyNode());
                if (compact) {
                    edit(src.start(tuples.get(0).getKeyNode()), src.start(tuples.get(0).getKeyNode()),
                            tuple + src.newline() + " ".repeat(column));
                } else {
                    int at = src.lineStart(src.lineOf(keyStart));
                    edit(at, at, " ".repeat(column) + tuple + src.newline());
                }
            }
        }
    }

    private static int firstKept(int size, Set<Integer> deleted) {
        for (int i = 0; i < size; i++) {
            if (!deleted.contains(i)) {
                return i;
            }
        }
        return 0;
    }

    /** Gives one kept key a new value, as locally as the old and new shapes allow. */
    private void value(String key, NodeTuple t, Object want, int column) {
        Node old = t.getValueNode();
        int keyStart = src.start(t.getKeyNode());
        int keyLine = src.lineOf(keyStart);
        if (want instanceof Map<?, ?> wm && old instanceof MappingNode om && !YamlSource.isFlow(om) && sharesAKey(om, wm)) {
            mapping(om, asMap(wm));
            return;
        }
        if (want instanceof List<?> wl && !wl.isEmpty() && old instanceof SequenceNode os && !YamlSource.isFlow(os)
                && !os.getValue().isEmpty()) {
            sequence(os, wl, key);
            return;
        }
        boolean oldInline = !(old instanceof MappingNode || old instanceof SequenceNode) || YamlSource.isFlow(old);
        boolean oldOnKeyLine = src.lineOf(src.start(old)) == keyLine;
        boolean wantInline = YamlRender.isScalar(want)
                || YamlSource.isFlow(old) && !(old instanceof ScalarNode)
                || want instanceof List<?> l && (l.isEmpty() || YamlRender.FLOW_KEYS.contains(key)
                && l.stream().allMatch(YamlRender::isScalar));
        if (oldInline && oldOnKeyLine && wantInline && !isEmptyScalar(old)) {
            edit(src.start(old), src.contentEnd(old), YamlRender.inline(want));
            return;
        }
        // the whole "key: value" is written again, from the key to the end of the value's last line
        int lastLine = src.lineOf(src.contentEnd(old));
        edit(keyStart, src.lineEnd(Math.max(keyLine, lastLine)), render.tuple(key, want, column));
    }

    private static boolean isEmptyScalar(Node n) {
        return n instanceof ScalarNode s && s.getValue().isEmpty() && s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** Whether an old mapping and a new one agree on at least one key: then they are the same item, edited. */
    private boolean sharesAKey(MappingNode old, Map<?, ?> want) {
        for (NodeTuple t : old.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && want.containsKey(k.getValue())
                    && YamlSource.canonical(src.value(t.getValueNode())).equals(YamlSource.canonical(want.get(k.getValue())))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- sequences

    private void sequence(SequenceNode s, List<?> want, String key) {
        List<Node> items = s.getValue();
        int n = items.size();
        int m = want.size();
        String[] oldKeys = new String[n];
        for (int i = 0; i < n; i++) {
            oldKeys[i] = YamlSource.canonical(src.value(items.get(i)));
        }
        String[] newKeys = new String[m];
        for (int j = 0; j < m; j++) {
            newKeys[j] = YamlSource.canonical(want.get(j));
        }
        int[] dashes = new int[n];
        for (int i = 0; i < n; i++) {
            dashes[i] = dash(items.get(i));
        }
        int dashColumn = src.column(dashes[0]);
        boolean spaced = spaced(items, dashes);

        // matched pairs (old index, new index), in order
        List<int[]> anchors = match(oldKeys, newKeys);
        int oi = 0;
        int nj = 0;
        anchors.add(new int[]{n, m});
        for (int[] a : anchors) {
            gap(items, dashes, oi, a[0], want, nj, a[1], dashColumn, spaced, key);
            oi = a[0] + 1;
            nj = a[1] + 1;
        }
    }

    /** Old items [oa, ob) become new values [na, nb). */
    private void gap(List<Node> items, int[] dashes, int oa, int ob, List<?> want, int na, int nb, int dashColumn,
                     boolean spaced, String key) {
        int pairs = Math.min(ob - oa, nb - na);
        for (int k = 0; k < pairs; k++) {
            Node old = items.get(oa + k);
            Object w = want.get(na + k);
            if (w instanceof Map<?, ?> wm && old instanceof MappingNode om && !YamlSource.isFlow(om) && sharesAKey(om, wm)) {
                mapping(om, asMap(wm));
            } else {
                int start = src.start(old);
                int lastLine = src.lineOf(src.contentEnd(old));
                edit(start, src.lineEnd(lastLine), render.item(w, src.column(start)));
            }
        }
        for (int i = oa + pairs; i < ob; i++) {
            deleteItem(items, dashes, i, spaced);
        }
        if (na + pairs < nb) {
            StringBuilder text = new StringBuilder();
            String nl = src.newline();
            int after = oa + pairs - 1; // the old item the new ones follow, or -1 for the head of the list
            for (int j = na + pairs; j < nb; j++) {
                String line = " ".repeat(dashColumn) + "- " + render.item(want.get(j), dashColumn + 2) + nl;
                text.append(spaced && (after >= 0 || j > na + pairs) ? nl : "").append(line);
            }
            if (after >= 0) {
                int at = src.nextLineStart(src.lineOf(src.contentEnd(items.get(after))));
                edit(at, at, text.toString());
            } else {
                int at = src.lineStart(firstLineWithComments(src.lineOf(dashes[0])));
                edit(at, at, text + (spaced ? nl : ""));
            }
        }
    }

    private void deleteItem(List<Node> items, int[] dashes, int i, boolean spaced) {
        int first = src.lineOf(dashes[i]);
        int last = src.lineOf(src.contentEnd(items.get(i)));
        deleteLines(first, last, spaced);
    }

    /**
     * Removes whole lines [first, last] and the comment lines directly above; in a list whose items are separated by
     * blank lines, one separating blank line goes too.
     */
    private void deleteLines(int first, int last, boolean spaced) {
        int from = firstLineWithComments(first);
        int to = last;
        if (spaced) {
            if (from > 0 && src.isBlank(from - 1)) {
                from--;
            } else if (to + 1 < src.lineCount() && src.isBlank(to + 1)) {
                to++;
            }
        }
        edit(src.lineStart(from), src.nextLineStart(to), "");
    }

    private int firstLineWithComments(int line) {
        int from = line;
        while (from > 0 && src.isComment(from - 1)) {
            from--;
        }
        return from;
    }

    /** The offset of the "-" that starts a sequence item. */
    private int dash(Node item) {
        int i = src.start(item) - 1;
        while (i >= 0) {
            char c = src.text.charAt(i);
            if (c == '-') {
                return i;
            }
            if (c != ' ' && c != '\n' && c != '\r') {
                break;
            }
            i--;
        }
        throw new YamlEditException("a list item without its '-' where expected");
    }

    /** Whether every pair of neighbouring items has a blank line between them. */
    private boolean spaced(List<Node> items, int[] dashes) {
        if (items.size() < 2) {
            return false;
        }
        for (int i = 1; i < items.size(); i++) {
            int prevLast = src.lineOf(src.contentEnd(items.get(i - 1)));
            int start = src.lineOf(dashes[i]);
            boolean blank = false;
            for (int l = prevLast + 1; l < start; l++) {
                blank |= src.isBlank(l);
            }
            if (!blank) {
                return false;
            }
        }
        return true;
    }

    /** Pairs of equal items that stay, by longest common subsequence after the common head and tail. */
    private static List<int[]> match(String[] a, String[] b) {
        List<int[]> out = new ArrayList<>();
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            out.add(new int[]{head, head});
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head
                && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        int n = a.length - head - tail;
        int m = b.length - head - tail;
        if (n > 0 && m > 0 && (long) n * m <= LCS_BUDGET) {
            int[][] len = new int[n + 1][m + 1];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    len[i][j] = a[head + i].equals(b[head + j]) ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < n && j < m) {
                if (a[head + i].equals(b[head + j])) {
                    out.add(new int[]{head + i, head + j});
                    i++;
                    j++;
                } else if (len[i + 1][j] >= len[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        for (int t = tail; t > 0; t--) {
            out.add(new int[]{a.length - t, b.length - t});
        }
        return out;
    }

    // ---------------------------------------------------------------- text edits

    private void edit(int start, int end, String text) {
        edits.add(new Edit(start, end, text, seq++));
    }

    private String result() {
        List<Edit> sorted = new ArrayList<>(edits);
        // at one offset, insertions come first (in the order they were made), then the removal that starts there
        sorted.sort(Comparator.comparingInt(Edit::start)
                .thenComparingInt(e -> e.end() == e.start() ? 0 : 1)
                .thenComparingInt(Edit::seq));
        StringBuilder out = new StringBuilder(src.text.length() + 256);
        int cursor = 0;
        for (Edit e : sorted) {
            if (e.start() < cursor) {
                throw new YamlEditException("overlapping edits");
            }
            out.append(src.text, cursor, e.start()).append(e.text());
            cursor = Math.max(cursor, e.end());
        }
        out.append(src.text, cursor, src.text.length());
        return out.toString();
    }
}
