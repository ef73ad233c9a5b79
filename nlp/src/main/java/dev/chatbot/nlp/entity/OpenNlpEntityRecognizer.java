package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Combines deterministic finders (regex and lookup finders from {@code entities/}, built-in rules for
 * e-mails, order ids, amounts and dates) with an optional learned OpenNLP name finder. Overlaps are resolved
 * by keeping the longest deterministic mention, then learned mentions that overlap none of them. A finder
 * that fails on a message is skipped for that message.
 */
public final class OpenNlpEntityRecognizer implements EntityRecognizer {

    private final List<EntityFinder> finders;
    private final Optional<OpenNlpEntityFinder> learned;
    private final Map<String, UnaryOperator<String>> normalisers;

    /**
     * @param finders     deterministic finders
     * @param learned     the learned finder, if the data had marks for types without a deterministic finder
     * @param normalisers value normalisers for learned mentions, by type
     */
    public OpenNlpEntityRecognizer(List<EntityFinder> finders, Optional<OpenNlpEntityFinder> learned,
                                   Map<String, UnaryOperator<String>> normalisers) {
        this.finders = List.copyOf(finders);
        this.learned = learned;
        this.normalisers = Map.copyOf(normalisers);
    }

    @Override
    public List<EntityMention> recognize(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<EntityMention> deterministic = new ArrayList<>();
        for (EntityFinder f : finders) {
            try {
                deterministic.addAll(f.find(text));
            } catch (RuntimeException | StackOverflowError e) {
                // a pathological pattern or input: this finder contributes nothing for this message
            }
        }
        List<EntityMention> model = new ArrayList<>();
        if (learned.isPresent()) {
            try {
                for (EntityMention m : learned.get().find(text)) {
                    UnaryOperator<String> n = normalisers.get(m.type());
                    model.add(n == null ? m : new EntityMention(m.type(), m.text(), m.start(), m.end(),
                            n.apply(m.text()), m.source(), m.confidence()));
                }
            } catch (RuntimeException e) {
                // the learned finder failed on this text: keep the deterministic mentions
            }
        }
        return Mentions.resolve(deterministic, model);
    }

    public Optional<OpenNlpEntityFinder> learned() {
        return learned;
    }
}
