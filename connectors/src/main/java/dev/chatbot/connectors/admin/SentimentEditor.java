package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatbot.connectors.http.ApiException;
import dev.chatbot.connectors.http.Json;
import dev.chatbot.nlp.data.TrainingDataLoader;
import io.micronaut.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sentiment examples ({@code sentiment/<label>.yml}, label negative, neutral or positive) as the admin API shows and
 * changes them: the list of a label replaced as a whole, one example added, or one removed by its position.
 */
final class SentimentEditor {

    static final String PART = "sentiment";
    static final Set<String> FIELDS = Set.of("examples", "version");
    static final Set<String> EXAMPLE_FIELDS = Set.of("text", "version");
    private static final List<String> ORDER = List.of("version", "label", "examples");

    private final TrainingDataEdits edits;
    private final AdminRequests requests;

    SentimentEditor(TrainingDataEdits edits, AdminRequests requests) {
        this.edits = edits;
        this.requests = requests;
    }

    private TrainingDataFolder folder() {
        return edits.folder();
    }

    private static String label(String label) {
        if (label == null || !TrainingDataLoader.SENTIMENT_LABELS.contains(label)) {
            throw ApiException.badRequest("invalid_name", "The sentiment label '" + AdminRequests.clip(label)
                    + "' must be negative, neutral or positive.");
        }
        return label;
    }

    private Optional<String> fileOf(String label) {
        return folder().files(PART).stream().filter(f -> f.indexOf('/') == f.lastIndexOf('/'))
                .filter(f -> IntentEditor.nameOf(f).equals(label)).findFirst();
    }

    ObjectNode list(String q) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode labels = out.putArray("labels");
        for (String label : List.of("negative", "neutral", "positive")) {
            ObjectNode n = labels.addObject().put("label", label);
            Optional<String> file = fileOf(label);
            if (file.isEmpty()) {
                n.put("count", 0).putArray("examples");
                continue;
            }
            TrainingDataFolder.FileText f = folder().read(file.get());
            YamlTrees.Parsed p = YamlTrees.parse(f.text());
            n.put("file", f.file()).put("version", f.version());
            if (!p.ok()) {
                n.put("problem", p.problem()).put("count", 0).putArray("examples");
                continue;
            }
            List<String> all = YamlTrees.strings(p.tree(), "examples");
            n.put("count", all.size());
            ArrayNode ex = n.putArray("examples");
            for (int i = 0; i < all.size(); i++) {
                if (YamlTrees.matches(q, List.of(all.get(i)))) {
                    ex.addObject().put("index", i).put("text", all.get(i));
                }
            }
        }
        return out;
    }

    ObjectNode get(String label) {
        label(label);
        String file = fileOf(label).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no sentiment/" + label + ".yml yet."));
        TrainingDataFolder.FileText f = folder().read(file);
        YamlTrees.Parsed p = YamlTrees.parse(f.text());
        ObjectNode n = Json.MAPPER.createObjectNode().put("label", label).put("file", file).put("version", f.version());
        ArrayNode ex = n.putArray("examples");
        if (p.ok()) {
            YamlTrees.strings(p.tree(), "examples").forEach(ex::add);
        } else {
            n.put("problem", p.problem());
        }
        n.put("yaml", f.text());
        return n;
    }

    // ---------------------------------------------------------------- writes

    Result replace(String label, ObjectNode body, String expected, boolean dryRun, String who) {
        label(label);
        List<String> examples = requests.texts(body, "examples");
        return write(label, expected, dryRun, who, "replace sentiment examples of " + label, old -> examples);
    }

    Result add(String label, ObjectNode body, String expected, boolean dryRun, String who) {
        label(label);
        String text = requests.requiredText(body, "text").strip();
        return write(label, expected, dryRun, who, "add a " + label + " sentiment example", old -> {
            List<String> out = new ArrayList<>(old);
            out.add(text);
            return out;
        });
    }

    Result remove(String label, int index, String expected, String who) {
        label(label);
        return write(label, expected, false, who, "remove " + label + " sentiment example " + index, old -> {
            if (index < 0 || index >= old.size()) {
                throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no example " + index + " of " + label + ".");
            }
            List<String> out = new ArrayList<>(old);
            out.remove(index);
            return out;
        });
    }

    Result replaceYaml(String label, String yaml, String expected, boolean dryRun, String who) {
        label(label);
        YamlTrees.Parsed p = YamlTrees.parse(yaml);
        if (!p.ok()) {
            throw ApiException.badRequest("invalid_yaml", p.problem());
        }
        return edits.locked(() -> {
            String file = fileOf(label).orElse(PART + "/" + label + ".yml");
            TrainingDataEdits.Kind kind = folder().exists(file) ? TrainingDataEdits.Kind.UPDATE : TrainingDataEdits.Kind.CREATE;
            return result(edits.commit(List.of(new TrainingDataEdits.Change(file, yaml, expected, kind)), dryRun, who,
                    "replace sentiment file " + label), label, file, yaml);
        });
    }

    private Result write(String label, String expected, boolean dryRun, String who, String what,
                         java.util.function.Function<List<String>, List<String>> change) {
        return edits.locked(() -> {
            Optional<String> file = fileOf(label);
            String text;
            String rel;
            TrainingDataEdits.Kind kind;
            if (file.isPresent()) {
                TrainingDataFolder.FileText f = folder().read(file.get());
                Map<String, Object> tree = new LinkedHashMap<>(YamlTrees.forEdit(f));
                tree.put("examples", new ArrayList<Object>(change.apply(YamlTrees.strings(tree, "examples"))));
                text = YamlTrees.edited(f, tree);
                rel = f.file();
                kind = TrainingDataEdits.Kind.UPDATE;
            } else {
                Map<String, Object> tree = new LinkedHashMap<>();
                tree.put("version", 1);
                tree.put("label", label);
                tree.put("examples", new ArrayList<Object>(change.apply(List.of())));
                text = YamlEdit.render(YamlTrees.ordered(tree, ORDER, null));
                rel = PART + "/" + label + ".yml";
                kind = TrainingDataEdits.Kind.CREATE;
            }
            return result(edits.commit(List.of(new TrainingDataEdits.Change(rel, text, expected, kind)), dryRun, who, what),
                    label, rel, text);
        });
    }

    private Result result(TrainingDataEdits.Outcome o, String label, String file, String text) {
        ObjectNode n = o.saved() ? get(label) : Json.MAPPER.createObjectNode().put("file", file).put("yaml", text);
        return Result.of(o, n, file, text);
    }
}
