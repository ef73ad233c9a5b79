package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import io.micronaut.http.HttpStatus;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FAQ entries as the admin API shows and changes them. Entries live in topic files ({@code faq/**\/<topic>.yml}) and
 * are found by their stable id; an entry is edited in its file, other entries of the topic and their order stay as
 * they are. Moving an entry to another topic writes both files (a new topic gets a new file).
 */
final class FaqEditor {

    static final String PART = "faq";
    static final Set<String> FIELDS = Set.of("id", "topic", "question", "alternatives", "answer", "tags", "version");
    private static final List<String> ENTRY_ORDER = List.of("id", "question", "alternatives", "answer", "tags");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}");

    private final TrainingDataEdits edits;
    private final AdminRequests requests;

    FaqEditor(TrainingDataEdits edits, AdminRequests requests) {
        this.edits = edits;
        this.requests = requests;
    }

    private TrainingDataFolder folder() {
        return edits.folder();
    }

    /** One entry where it is. */
    private record Located(TrainingDataFolder.FileText file, String topic, int index, Map<String, Object> entry) {
    }

    /** Every topic file, read. */
    private List<TrainingDataFolder.FileText> topicFiles() {
        return folder().files(PART).stream().map(folder()::read).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> tree) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (tree != null && tree.get("entries") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    private static String topicOf(TrainingDataFolder.FileText f, Map<String, Object> tree) {
        return tree == null ? IntentEditor.nameOf(f.file())
                : YamlTrees.string(tree, "topic").orElse(IntentEditor.nameOf(f.file()));
    }

    ObjectNode list(String q, String topicFilter) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode topics = out.putArray("topics");
        ArrayNode items = out.putArray("entries");
        for (TrainingDataFolder.FileText f : topicFiles()) {
            YamlTrees.Parsed p = YamlTrees.parse(f.text());
            String topic = topicOf(f, p.tree());
            ObjectNode t = topics.addObject().put("topic", topic).put("file", f.file()).put("version", f.version())
                    .put("entries", entries(p.tree()).size());
            if (!p.ok()) {
                t.put("problem", p.problem());
                continue;
            }
            YamlTrees.string(p.tree(), "description").ifPresent(d -> t.put("description", d));
            if (topicFilter != null && !topicFilter.isBlank() && !topicFilter.equals(topic)) {
                continue;
            }
            for (Map<String, Object> e : entries(p.tree())) {
                List<String> searchable = new ArrayList<>();
                YamlTrees.string(e, "id").ifPresent(searchable::add);
                YamlTrees.string(e, "question").ifPresent(searchable::add);
                YamlTrees.string(e, "answer").ifPresent(searchable::add);
                searchable.addAll(YamlTrees.strings(e, "alternatives"));
                searchable.addAll(YamlTrees.strings(e, "tags"));
                if (YamlTrees.matches(q, searchable)) {
                    items.add(entryJson(e, topic, f));
                }
            }
        }
        return out;
    }

    private static ObjectNode entryJson(Map<String, Object> e, String topic, TrainingDataFolder.FileText f) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("id", YamlTrees.string(e, "id").orElse(""))
                .put("topic", topic)
                .put("question", YamlTrees.string(e, "question").orElse(""))
                .put("answer", YamlTrees.string(e, "answer").orElse(""))
                .put("file", f.file())
                .put("version", f.version());
        ArrayNode alts = n.putArray("alternatives");
        YamlTrees.strings(e, "alternatives").forEach(alts::add);
        ArrayNode tags = n.putArray("tags");
        YamlTrees.strings(e, "tags").forEach(tags::add);
        return n;
    }

    ObjectNode get(String id) {
        Located l = locate(id);
        return entryJson(l.entry(), l.topic(), l.file());
    }

    private Optional<Located> find(String id) {
        for (TrainingDataFolder.FileText f : topicFiles()) {
            YamlTrees.Parsed p = YamlTrees.parse(f.text());
            List<Map<String, Object>> es = entries(p.tree());
            for (int i = 0; i < es.size(); i++) {
                if (id.equals(YamlTrees.string(es.get(i), "id").orElse(null))) {
                    return Optional.of(new Located(f, topicOf(f, p.tree()), i, es.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    private Located locate(String id) {
        checkId(id);
        return find(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not_found",
                "There is no FAQ entry '" + AdminRequests.clip(id) + "'."));
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid_id", "The FAQ id '" + AdminRequests.clip(id)
                    + "' must be letters, digits, '-', '_', '.', ':' or '/' without spaces (at most 100).");
        }
        return id;
    }

    ObjectNode topic(String topic) {
        AdminRequests.name(topic, "topic");
        String file = folder().find(PART, topic).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no FAQ topic '" + topic + "'."));
        TrainingDataFolder.FileText f = folder().read(file);
        ObjectNode n = Json.MAPPER.createObjectNode().put("topic", topic).put("file", file).put("version", f.version())
                .put("yaml", f.text());
        YamlTrees.Parsed p = YamlTrees.parse(f.text());
        ArrayNode es = n.putArray("entries");
        entries(p.tree()).forEach(e -> es.add(entryJson(e, topic, f)));
        if (!p.ok()) {
            n.put("problem", p.problem());
        }
        return n;
    }

    // ---------------------------------------------------------------- writes

    Result create(ObjectNode body, boolean dryRun, String who) {
        String topic = AdminRequests.name(requests.requiredText(body, "topic").strip(), "topic");
        return edits.locked(() -> {
            String id = requests.text(body, "id").map(String::strip).filter(s -> !s.isEmpty()).map(FaqEditor::checkId)
                    .orElseGet(() -> newId(requests.requiredText(body, "question")));
            if (find(id).isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "exists", "FAQ id '" + id + "' is taken; ids are unique.");
            }
            Map<String, Object> entry = entryTree(id, body, null);
            TrainingDataEdits.Change change = append(topic, entry, null);
            TrainingDataEdits.Outcome o = edits.commit(List.of(change), dryRun, who, "create FAQ entry " + id);
            return result(o, id, change);
        });
    }

    Result update(String id, ObjectNode body, String expected, boolean dryRun, String who) {
        return edits.locked(() -> {
            Located l = locate(id);
            requests.text(body, "id").map(String::strip).filter(s -> !s.isEmpty() && !s.equals(id)).ifPresent(s -> {
                throw ApiException.badRequest("id_is_stable", "FAQ ids are stable: '" + id + "' cannot become '"
                        + AdminRequests.clip(s) + "'. Create a new entry instead.");
            });
            String topic = requests.text(body, "topic").map(String::strip).filter(s -> !s.isEmpty())
                    .map(t -> AdminRequests.name(t, "topic")).orElse(l.topic());
            Map<String, Object> entry = entryTree(id, body, l.entry());
            Map<String, Object> tree = new LinkedHashMap<>(YamlTrees.forEdit(l.file()));
            List<Object> list = new ArrayList<>(entries(tree));
            List<TrainingDataEdits.Change> changes = new ArrayList<>();
            TrainingDataEdits.Change main;
            if (topic.equals(l.topic())) {
                list.set(l.index(), entry);
                tree.put("entries", list);
                main = new TrainingDataEdits.Change(l.file().file(), YamlTrees.edited(l.file(), tree), expected,
                        TrainingDataEdits.Kind.UPDATE);
                changes.add(main);
            } else {
                list.remove(l.index());
                tree.put("entries", list);
                changes.add(new TrainingDataEdits.Change(l.file().file(), YamlTrees.edited(l.file(), tree), expected,
                        TrainingDataEdits.Kind.UPDATE));
                main = append(topic, entry, null);
                changes.add(main);
            }
            TrainingDataEdits.Outcome o = edits.commit(changes, dryRun, who, "update FAQ entry " + id);
            return result(o, id, main);
        });
    }

    Result updateTopicYaml(String topic, String yaml, String expected, boolean dryRun, String who) {
        AdminRequests.name(topic, "topic");
        YamlTrees.Parsed p = YamlTrees.parse(yaml);
        if (!p.ok()) {
            throw ApiException.badRequest("invalid_yaml", p.problem());
        }
        return edits.locked(() -> {
            String file = folder().find(PART, topic).orElseThrow(() ->
                    new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no FAQ topic '" + topic + "'."));
            TrainingDataEdits.Outcome o = edits.commit(List.of(new TrainingDataEdits.Change(file, yaml, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "replace FAQ topic file " + topic);
            ObjectNode n = o.saved() ? topic(topic) : Json.MAPPER.createObjectNode().put("file", file).put("yaml", yaml);
            return Result.of(o, n, file, yaml);
        });
    }

    void delete(String id, String expected, String who) {
        edits.locked(() -> {
            Located l = locate(id);
            Map<String, Object> tree = new LinkedHashMap<>(YamlTrees.forEdit(l.file()));
            List<Object> list = new ArrayList<>(entries(tree));
            list.remove(l.index());
            tree.put("entries", list);
            return edits.commit(List.of(new TrainingDataEdits.Change(l.file().file(), YamlTrees.edited(l.file(), tree),
                    expected, TrainingDataEdits.Kind.UPDATE)), false, who, "delete FAQ entry " + id);
        });
    }

    /** The change that adds an entry at the end of a topic's file (a new file for a new topic). */
    private TrainingDataEdits.Change append(String topic, Map<String, Object> entry, String expected) {
        Optional<String> file = folder().find(PART, topic);
        if (file.isEmpty()) {
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("version", 1);
            tree.put("topic", topic);
            tree.put("entries", new ArrayList<>(List.of(entry)));
            String rel = PART + "/" + topic + ".yml";
            folder().resolve(rel);
            return new TrainingDataEdits.Change(rel, YamlEdit.render(tree), null, TrainingDataEdits.Kind.CREATE);
        }
        TrainingDataFolder.FileText f = folder().read(file.get());
        Map<String, Object> tree = new LinkedHashMap<>(YamlTrees.forEdit(f));
        List<Object> list = new ArrayList<>(entries(tree));
        list.add(entry);
        tree.put("entries", list);
        return new TrainingDataEdits.Change(f.file(), YamlTrees.edited(f, tree), expected, TrainingDataEdits.Kind.UPDATE);
    }

    private Map<String, Object> entryTree(String id, ObjectNode body, Map<String, Object> old) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("question", requests.requiredText(body, "question").strip());
        List<String> alternatives = requests.texts(body, "alternatives");
        alternatives.removeIf(String::isEmpty);
        if (!alternatives.isEmpty()) {
            v.put("alternatives", new ArrayList<Object>(alternatives));
        }
        v.put("answer", requests.requiredText(body, "answer").strip());
        List<String> tags = requests.texts(body, "tags");
        tags.removeIf(String::isEmpty);
        if (!tags.isEmpty()) {
            v.put("tags", new ArrayList<Object>(tags));
        }
        return YamlTrees.ordered(v, ENTRY_ORDER, old);
    }

    /** An id made from the question ("Do you gift wrap?" -> "do-you-gift-wrap"), unique across the FAQ. */
    private String newId(String question) {
        String base = Normalizer.normalize(question, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 60) {
            base = base.substring(0, 60).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "entry";
        }
        Set<String> taken = new HashSet<>();
        for (TrainingDataFolder.FileText f : topicFiles()) {
            entries(YamlTrees.parse(f.text()).tree()).forEach(e -> YamlTrees.string(e, "id").ifPresent(taken::add));
        }
        String id = base;
        for (int i = 2; taken.contains(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private Result result(TrainingDataEdits.Outcome o, String id, TrainingDataEdits.Change main) {
        ObjectNode n;
        if (o.saved()) {
            n = get(id);
        } else {
            n = Json.MAPPER.createObjectNode().put("id", id).put("file", main.file()).put("yaml", main.text());
        }
        return Result.of(o, n, main.file(), main.text());
    }
}
