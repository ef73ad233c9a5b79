package dev.chatbot.connectors.admin;

import dev.chatbot.connectors.http.ApiException;
import io.micronaut.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading training-data files into plain values and writing changed values back into their text. */
final class YamlTrees {

    private static final Logger LOG = LoggerFactory.getLogger(YamlTrees.class);
    static final int MAX_CHARS = 16 << 20;

    private YamlTrees() {
    }

    /** A file's content, or why it cannot be read. */
    record Parsed(Map<String, Object> tree, String problem) {
        boolean ok() {
            return tree != null;
        }
    }

    @SuppressWarnings("unchecked")
    static Parsed parse(String text) {
        try {
            YamlSource src = YamlSource.parse(text, MAX_CHARS);
            return new Parsed((Map<String, Object>) src.value(src.root), null);
        } catch (YamlEditException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /** A file's content for an edit; a file that cannot be read must first be fixed as YAML. */
    static Map<String, Object> forEdit(TrainingDataFolder.FileText file) {
        Parsed p = parse(file.text());
        if (!p.ok()) {
            throw new ApiException(HttpStatus.CONFLICT, "unreadable_file", file.file() + " cannot be read (" + p.problem()
                    + "); fix it with a YAML edit first.");
        }
        return p.tree();
    }

    /**
     * The new text of a file: the old text with only the changed values rewritten, or (for a layout the in-place
     * editor does not handle) the file written afresh.
     */
    static String edited(TrainingDataFolder.FileText file, Map<String, Object> wanted) {
        try {
            return YamlEdit.apply(file.text(), wanted, MAX_CHARS);
        } catch (YamlEditException e) {
            LOG.atWarn().addKeyValue("file", file.file()).addKeyValue("reason", e.getMessage())
                    .log("file written afresh: its comments and layout could not be kept");
            return YamlEdit.render(wanted);
        }
    }

    static Optional<String> string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    static List<String> strings(Map<String, Object> m, String key) {
        Object v = m.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !(o instanceof Map<?, ?>) && !(o instanceof List<?>)) {
                    out.add(String.valueOf(o));
                }
            }
        }
        return out;
    }

    static boolean bool(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    /** A copy of {@code old} with the given keys in canonical order first, then any other keys it had. */
    static Map<String, Object> ordered(Map<String, Object> values, List<String> order, Map<String, Object> old) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : order) {
            if (values.containsKey(k)) {
                out.put(k, values.get(k));
            }
        }
        if (old != null) {
            old.forEach((k, v) -> {
                if (!order.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /** Whether a lowercase search matches any of the texts. */
    static boolean matches(String q, Iterable<String> texts) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(java.util.Locale.ROOT);
        for (String t : texts) {
            if (t != null && t.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
