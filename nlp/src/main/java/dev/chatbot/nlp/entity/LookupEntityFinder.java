package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;
import dev.chatbot.nlp.data.EntityDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dictionary finder for one entity type: each lookup value and its synonyms, matched case-insensitively on
 * whole tokens, longest match first; the mention's value is the canonical lookup value.
 */
public final class LookupEntityFinder implements EntityFinder {

    private final String type;
    private final Map<String, String> canonicalByKey = new HashMap<>();
    private final int maxTokens;

    public LookupEntityFinder(String type, List<EntityDefinition.LookupValue> values) {
        this.type = type;
        int longest = 1;
        for (EntityDefinition.LookupValue v : values) {
            List<String> forms = new ArrayList<>(v.synonyms());
            forms.add(v.value());
            forms.add(v.value().replace('_', ' '));
            for (String form : forms) {
                String key = WordTokens.key(form);
                if (!key.isEmpty()) {
                    canonicalByKey.putIfAbsent(key, v.value());
                    longest = Math.max(longest, key.split(" ").length);
                }
            }
        }
        this.maxTokens = longest;
    }

    /** The canonical value of a form, if it is one of the lookup forms. */
    public java.util.Optional<String> canonical(String form) {
        return java.util.Optional.ofNullable(canonicalByKey.get(WordTokens.key(form)));
    }

    @Override
    public List<EntityMention> find(String text) {
        List<EntityMention> out = new ArrayList<>();
        if (canonicalByKey.isEmpty()) {
            return out;
        }
        List<WordTokens.Token> tokens = WordTokens.of(text);
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            String value = null;
            StringBuilder key = new StringBuilder();
            for (int n = 1; n <= maxTokens && i + n <= tokens.size(); n++) {
                if (n > 1) {
                    key.append(' ');
                }
                key.append(tokens.get(i + n - 1).lower());
                String v = canonicalByKey.get(key.toString());
                if (v != null) {
                    matched = n;
                    value = v;
                }
            }
            if (matched > 0) {
                int start = tokens.get(i).start();
                int end = tokens.get(i + matched - 1).end();
                out.add(new EntityMention(type, text.substring(start, end), start, end, value, "lookup", 1.0));
                i += matched;
            } else {
                i++;
            }
        }
        return out;
    }
}
