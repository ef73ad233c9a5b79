package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression finder for one entity type (patterns from {@code entities/<type>.yml}). Patterns match
 * case-insensitively unless they turn it off with {@code (?-i)}; each match's value is produced by a
 * normaliser (upper-case for order ids, the text as written otherwise).
 */
public final class RegexEntityFinder implements EntityFinder {

    private final String type;
    private final List<Pattern> patterns;
    private final UnaryOperator<String> normaliser;
    private final String source;

    public RegexEntityFinder(String type, List<String> patterns, UnaryOperator<String> normaliser) {
        this(type, patterns, normaliser, "regex");
    }

    RegexEntityFinder(String type, List<String> patterns, UnaryOperator<String> normaliser, String source) {
        this.type = type;
        this.patterns = patterns.stream()
                .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
        this.normaliser = normaliser;
        this.source = source;
    }

    @Override
    public List<EntityMention> find(String text) {
        List<EntityMention> out = new ArrayList<>();
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    String covered = text.substring(m.start(), m.end());
                    out.add(new EntityMention(type, covered, m.start(), m.end(), normaliser.apply(covered), source, 1.0));
                }
            }
        }
        return out;
    }
}
