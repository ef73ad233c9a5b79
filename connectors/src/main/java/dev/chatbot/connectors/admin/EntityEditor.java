package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.nlp.data.TrainingDataValidator;
import io.micronaut.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity definitions ({@code entities/<entity>.yml}) as the admin API shows and changes them: regular expressions and
 * lookup values with synonyms. A value without synonyms is written as a bare word, as people write it by hand.
 */
final class EntityEditor {

    static final String PART = "entities";
    static final Set<String> FIELDS = Set.of("name", "description", "patterns", "values", "version");
    private static final List<String> ORDER = List.of("version", "entity", "description", "patterns", "values");

    private final TrainingDataEdits edits;
    private final AdminRequests requests;
    private final AdminConsoleConfig config;

    EntityEditor(TrainingDataEdits edits, AdminRequests requests, AdminConsoleConfig config) {
        this.edits = edits;
        this.requests = requests;
        this.config = config;
    }

    private TrainingDataFolder folder() {
        return edits.folder();
    }

    /** Entity files sit directly in {@code entities/}. */
    private List<String> files() {
        return folder().files(PART).stream().filter(f -> f.indexOf('/') == f.lastIndexOf('/')).toList();
    }

    ObjectNode list(String q) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("entities");
        for (String file : files()) {
            TrainingDataFolder.FileText f = folder().read(file);
            YamlTrees.Parsed p = YamlTrees.parse(f.text());
            List<String> searchable = new ArrayList<>(List.of(IntentEditor.nameOf(file)));
            if (p.ok()) {
                YamlTrees.string(p.tree(), "description").ifPresent(searchable::add);
                searchable.addAll(YamlTrees.strings(p.tree(), "patterns"));
                for (Object v : values(p.tree())) {
                    searchable.add(valueOf(v));
                    searchable.addAll(synonymsOf(v));
                }
            }
            if (YamlTrees.matches(q, searchable)) {
                items.add(json(f, p, false));
            }
        }
        ArrayNode builtIn = out.putArray("builtIn");
        TrainingDataValidator.BUILT_IN_ENTITY_TYPES.stream().sorted().forEach(builtIn::add);
        return out;
    }

    ObjectNode get(String name) {
        TrainingDataFolder.FileText f = folder().read(fileOf(name));
        return json(f, YamlTrees.parse(f.text()), true);
    }

    private String fileOf(String name) {
        AdminRequests.name(name, "entity name");
        return files().stream().filter(f -> IntentEditor.nameOf(f).equals(name)).findFirst().orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no entity file for '" + name + "'."));
    }

    private static List<Object> values(Map<String, Object> tree) {
        return tree.get("values") instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static String valueOf(Object v) {
        return v instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static List<String> synonymsOf(Object v) {
        return v instanceof Map<?, ?> m ? YamlTrees.strings((Map<String, Object>) m, "synonyms") : List.of();
    }

    private static ObjectNode json(TrainingDataFolder.FileText f, YamlTrees.Parsed p, boolean full) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("name", IntentEditor.nameOf(f.file())).put("file", f.file())
                .put("version", f.version());
        if (p.ok()) {
            n.put("description", YamlTrees.string(p.tree(), "description").orElse(""));
            ArrayNode patterns = n.putArray("patterns");
            YamlTrees.strings(p.tree(), "patterns").forEach(patterns::add);
            ArrayNode values = n.putArray("values");
            for (Object v : values(p.tree())) {
                ObjectNode o = values.addObject().put("value", valueOf(v));
                ArrayNode syn = o.putArray("synonyms");
                synonymsOf(v).forEach(syn::add);
            }
        } else {
            n.put("problem", p.problem());
        }
        if (full) {
            n.put("yaml", f.text());
        }
        return n;
    }

    // ---------------------------------------------------------------- writes

    Result create(ObjectNode body, boolean dryRun, String who) {
        String name = AdminRequests.name(requests.requiredText(body, "name").strip(), "entity name");
        return edits.locked(() -> {
            if (files().stream().anyMatch(f -> IntentEditor.nameOf(f).equals(name))) {
                throw new ApiException(HttpStatus.CONFLICT, "exists", "Entity '" + name + "' exists already.");
            }
            String file = PART + "/" + name + ".yml";
            String text = YamlEdit.render(tree(name, body, null));
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, text, null,
                    TrainingDataEdits.Kind.CREATE)), dryRun, who, "create entity " + name), file, text);
        });
    }

    Result update(String name, ObjectNode body, String expected, boolean dryRun, String who) {
        return edits.locked(() -> {
            String file = fileOf(name);
            if (body.has("name") && !name.equals(Json.optionalText(body, "name").orElse(name))) {
                throw ApiException.badRequest("invalid_field", "An entity keeps its name; create a new one instead.");
            }
            TrainingDataFolder.FileText f = folder().read(file);
            String text = YamlTrees.edited(f, tree(name, body, YamlTrees.forEdit(f)));
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, text, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "update entity " + name), file, text);
        });
    }

    Result updateYaml(String name, String yaml, String expected, boolean dryRun, String who) {
        YamlTrees.Parsed p = YamlTrees.parse(yaml);
        if (!p.ok()) {
            throw ApiException.badRequest("invalid_yaml", p.problem());
        }
        return edits.locked(() -> {
            String file = fileOf(name);
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, yaml, expected,
                    TrainingDataEdits.Kind.UPDATE)), dryRun, who, "replace entity file " + name), file, yaml);
        });
    }

    void delete(String name, String expected, String who) {
        edits.locked(() -> edits.commit(List.of(new TrainingDataEdits.Change(fileOf(name), null, expected,
                TrainingDataEdits.Kind.DELETE)), false, who, "delete entity " + name));
    }

    private Map<String, Object> tree(String name, ObjectNode body, Map<String, Object> old) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", old != null && old.containsKey("version") ? old.get("version") : 1);
        v.put("entity", name);
        requests.text(body, "description").map(String::strip).filter(s -> !s.isEmpty()).ifPresent(d -> v.put("description", d));
        List<String> patterns = requests.texts(body, "patterns");
        patterns.removeIf(String::isEmpty);
        if (!patterns.isEmpty()) {
            v.put("patterns", new ArrayList<Object>(patterns));
        }
        List<Object> values = values(body);
        if (!values.isEmpty()) {
            v.put("values", values);
        }
        Map<String, Object> rest = old == null ? null : new LinkedHashMap<>(old);
        if (rest != null) {
            ORDER.forEach(rest::remove);
        }
        return YamlTrees.ordered(v, ORDER, rest);
    }

    private List<Object> values(ObjectNode body) {
        JsonNode vs = body.get("values");
        List<Object> out = new ArrayList<>();
        if (vs == null || vs.isNull()) {
            return out;
        }
        if (!vs.isArray()) {
            throw ApiException.badRequest("invalid_field", "Field 'values' must be a list of {value, synonyms}.");
        }
        if (vs.size() > config.getMaxListItems()) {
            throw ApiException.badRequest("invalid_field", "Field 'values' has more than " + config.getMaxListItems() + " items.");
        }
        for (JsonNode item : vs) {
            if (item.isTextual()) {
                out.add(item.asText().strip());
                continue;
            }
            if (!(item instanceof ObjectNode o)) {
                throw ApiException.badRequest("invalid_field", "Field 'values' must be a list of {value, synonyms}.");
            }
            ObjectNode checked = Json.object(o.toString(), Set.of("value", "synonyms"));
            String value = requests.requiredText(checked, "value").strip();
            List<String> synonyms = requests.texts(checked, "synonyms");
            synonyms.removeIf(String::isEmpty);
            if (synonyms.isEmpty()) {
                out.add(value);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", value);
                m.put("synonyms", new ArrayList<Object>(synonyms));
                out.add(m);
            }
        }
        return out;
    }

    private Result result(TrainingDataEdits.Outcome o, String file, String text) {
        ObjectNode n = o.saved() ? get(IntentEditor.nameOf(file))
                : Json.MAPPER.createObjectNode().put("file", file).put("yaml", text);
        return Result.of(o, n, file, text);
    }
}
