package dev.chatbot.connectors.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The answer to an edit: the changed item as the API shows it, whether it was saved (false for a dry run), the
 * validator's warnings about the changed file, and the file's new version for the {@code ETag} header.
 */
record Result(ObjectNode body, String version) {

    static Result of(TrainingDataEdits.Outcome o, ObjectNode item, String file, String text) {
        item.put("saved", o.saved());
        item.set("warnings", TrainingDataEdits.problems(o.warnings(), text == null ? Map.of() : Map.of(file, text)));
        return new Result(item, o.saved() ? o.versions().get(file) : null);
    }
}
