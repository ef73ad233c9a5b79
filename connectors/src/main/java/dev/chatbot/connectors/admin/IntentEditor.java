package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.core.handler.Handlers;
import io.micronaut.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Intents as the admin API shows and changes them: one file per intent under {@code intents/**}, found by its name.
 * An edited intent stays in its file; a new one goes to the folder the admin picks (default
 * {@code chatbot.admin-console.new-intent-folder}). Examples are the texts as written, entity marks included.
 */
final class IntentEditor {

    static final String PART = "intents";
    static final Set<String> FIELDS = Set.of("name", "folder", "description", "handler", "escalate", "examples",
            "replies", "version");
    private static final List<String> ORDER = List.of("version", "intent", "description", "handler", "escalate",
            "examples", "replies");

    private final TrainingDataEdits edits;
    private final AdminRequests requests;
    private final AdminConsoleConfig config;

    IntentEditor(TrainingDataEdits edits, AdminRequests requests, AdminConsoleConfig config) {
        this.edits = edits;
        this.requests = requests;
        this.config = config;
    }

    private TrainingDataFolder folder() {
        return edits.folder();
    }

    ObjectNode list(String q) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("intents");
        List<String> folders = new ArrayList<>();
        for (String file : folder().files(PART)) {
            String sub = subFolder(file);
            if (!folders.contains(sub)) {
                folders.add(sub);
            }
            TrainingDataFolder.FileText f = folder().read(file);
            YamlTrees.Parsed p = YamlTrees.parse(f.text());
            String name = nameOf(file);
            List<String> searchable = new ArrayList<>(List.of(name));
            if (p.ok()) {
                YamlTrees.string(p.tree(), "description").ifPresent(searchable::add);
                YamlTrees.string(p.tree(), "handler").ifPresent(searchable::add);
                searchable.addAll(YamlTrees.strings(p.tree(), "examples"));
                searchable.addAll(YamlTrees.strings(p.tree(), "replies"));
            }
            if (!YamlTrees.matches(q, searchable)) {
                continue;
            }
            ObjectNode n = summary(f, p);
            if (q != null && !q.isBlank() && p.ok()) {
                YamlTrees.strings(p.tree(), "examples").stream()
                        .filter(e -> YamlTrees.matches(q, List.of(e))).findFirst().ifPresent(e -> n.put("match", e));
            }
            items.add(n);
        }
        folders.sort(null);
        ArrayNode fs = out.putArray("folders");
        folders.forEach(fs::add);
        ArrayNode hs = out.putArray("handlers");
        Handlers.names().stream().sorted().forEach(hs::add);
        return out;
    }

    private ObjectNode summary(TrainingDataFolder.FileText f, YamlTrees.Parsed p) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("name", nameOf(f.file()))
                .put("file", f.file())
                .put("folder", subFolder(f.file()))
                .put("version", f.version());
        if (!p.ok()) {
            n.put("problem", p.problem());
            return n;
        }
        n.put("description", YamlTrees.string(p.tree(), "description").orElse(""));
        YamlTrees.string(p.tree(), "handler").ifPresent(h -> n.put("handler", h));
        n.put("escalate", YamlTrees.bool(p.tree(), "escalate"));
        n.put("examples", YamlTrees.strings(p.tree(), "examples").size());
        n.put("replies", YamlTrees.strings(p.tree(), "replies").size());
        return n;
    }

    ObjectNode get(String name) {
        return json(folder().read(fileOf(name)));
    }

    private ObjectNode json(TrainingDataFolder.FileText f) {
        YamlTrees.Parsed p = YamlTrees.parse(f.text());
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("name", nameOf(f.file()))
                .put("file", f.file())
                .put("folder", subFolder(f.file()))
                .put("version", f.version());
        if (p.ok()) {
            n.put("description", YamlTrees.string(p.tree(), "description").orElse(""));
            n.put("handler", YamlTrees.string(p.tree(), "handler").orElse(""));
            n.put("escalate", YamlTrees.bool(p.tree(), "escalate"));
            ArrayNode ex = n.putArray("examples");
            YamlTrees.strings(p.tree(), "examples").forEach(ex::add);
            ArrayNode re = n.putArray("replies");
            YamlTrees.strings(p.tree(), "replies").forEach(re::add);
        } else {
            n.put("problem", p.problem());
        }
        n.put("yaml", f.text());
        return n;
    }

    String fileOf(String name) {
        AdminRequests.name(name, "intent name");
        return folder().find(PART, name).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no intent '" + name + "'."));
    }

    static String nameOf(String file) {
        String f = file.substring(file.lastIndexOf('/') + 1);
        return f.replaceFirst("\\.ya?ml$", "");
    }

    static String subFolder(String file) {
        int first = file.indexOf('/');
        int last = file.lastIndexOf('/');
        return last > first ? file.substring(first + 1, last) : "";
    }

    // ---------------------------------------------------------------- writes

    Result create(ObjectNode body, boolean dryRun, String who) {
        String name = AdminRequests.name(requests.requiredText(body, "name").strip(), "intent name");
        String sub = requests.text(body, "folder").map(String::strip).filter(s -> !s.isEmpty())
                .orElse(config.getNewIntentFolder());
        for (String segment : sub.split("/")) {
            AdminRequests.name(segment, "folder");
        }
        return edits.locked(() -> {
            folder().find(PART, name).ifPresent(existing -> {
                throw new ApiException(HttpStatus.CONFLICT, "exists", "Intent '" + name + "' exists already in " + existing + ".");
            });
            String file = PART + "/" + sub + "/" + name + ".yml";
            folder().resolve(file);
            String text = YamlEdit.render(tree(name, body, null));
            TrainingDataEdits.Outcome o = edits.commit(List.of(new TrainingDataEdits.Change(file, text, null,
                    TrainingDataEdits.Kind.CREATE)), dryRun, who, "create intent " + name);
            return result(o, file, text);
        });
    }

    Result update(String name, ObjectNode body, String expected, boolean dryRun, String who) {
        return edits.locked(() -> {
            String file = fileOf(name);
            TrainingDataFolder.FileText f = folder().read(file);
            if (body.has("name") && !name.equals(Json.optionalText(body, "name").orElse(name))) {
                throw ApiException.badRequest("invalid_field", "An intent keeps its name; create a new one instead.");
            }
            Map<String, Object> old = YamlTrees.forEdit(f);
            String text = YamlTrees.edited(f, tree(name, body, old));
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, text, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "update intent " + name), file, text);
        });
    }

    /** Replaces the whole file with YAML the admin wrote. */
    Result updateYaml(String name, String yaml, String expected, boolean dryRun, String who) {
        YamlTrees.Parsed p = YamlTrees.parse(yaml);
        if (!p.ok()) {
            throw ApiException.badRequest("invalid_yaml", p.problem());
        }
        return edits.locked(() -> {
            String file = fileOf(name);
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, yaml, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "replace intent file " + name), file, yaml);
        });
    }

    Result addExample(String name, String example, String expected, boolean dryRun, String who) {
        return edits.locked(() -> {
            String file = fileOf(name);
            TrainingDataFolder.FileText f = folder().read(file);
            Map<String, Object> tree = new LinkedHashMap<>(YamlTrees.forEdit(f));
            List<Object> examples = new ArrayList<>(YamlTrees.strings(tree, "examples"));
            examples.add(example.strip());
            tree.put("examples", examples);
            String text = YamlTrees.edited(f, tree);
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, text, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "add an example to intent " + name), file, text);
        });
    }

    void delete(String name, String expected, String who) {
        edits.locked(() -> edits.commit(List.of(new TrainingDataEdits.Change(fileOf(name), null, expected,
                TrainingDataEdits.Kind.DELETE)), false, who, "delete intent " + name));
    }

    private Map<String, Object> tree(String name, ObjectNode body, Map<String, Object> old) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", old != null && old.containsKey("version") ? old.get("version") : 1);
        v.put("intent", name);
        requests.text(body, "description").map(String::strip).filter(s -> !s.isEmpty()).ifPresent(d -> v.put("description", d));
        requests.text(body, "handler").map(String::strip).filter(s -> !s.isEmpty()).ifPresent(h -> v.put("handler", h));
        boolean escalate = AdminRequests.bool(body, "escalate").orElse(false);
        if (escalate || old != null && old.containsKey("escalate")) {
            v.put("escalate", escalate);
        }
        v.put("examples", new ArrayList<Object>(requests.texts(body, "examples")));
        List<String> replies = requests.texts(body, "replies");
        replies.removeIf(String::isEmpty);
        if (!replies.isEmpty()) {
            v.put("replies", new ArrayList<Object>(replies));
        }
        return YamlTrees.ordered(v, ORDER, old == null ? null : withoutKnown(old));
    }

    private static Map<String, Object> withoutKnown(Map<String, Object> old) {
        Map<String, Object> rest = new LinkedHashMap<>(old);
        ORDER.forEach(rest::remove);
        return rest;
    }

    private Result result(TrainingDataEdits.Outcome o, String file, String text) {
        ObjectNode n = o.saved() ? json(folder().read(file)) : Json.MAPPER.createObjectNode().put("file", file).put("yaml", text);
        return Result.of(o, n, file, text);
    }
}
