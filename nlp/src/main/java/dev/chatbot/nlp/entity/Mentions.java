package dev.chatbot.nlp.entity;

import dev.chatbot.nlp.EntityMention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Overlap resolution for entity mentions. */
final class Mentions {

    private Mentions() {
    }

    /** Keeps non-overlapping mentions, preferring longer ones, then earlier ones; result in text order. */
    static List<EntityMention> longestFirst(List<EntityMention> mentions) {
        List<EntityMention> sorted = new ArrayList<>(mentions);
        sorted.sort(Comparator.comparingInt((EntityMention m) -> m.start() - m.end())
                .thenComparingInt(EntityMention::start)
                .thenComparingInt(m -> rank(m.source())));
        List<EntityMention> kept = new ArrayList<>();
        for (EntityMention m : sorted) {
            if (kept.stream().noneMatch(k -> overlaps(k, m))) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(EntityMention::start));
        return kept;
    }

    /**
     * Deterministic mentions first (longest wins among them, and at equal length the more specific finder:
     * rule, then regex, then lookup), then learned mentions that overlap none of them.
     */
    static List<EntityMention> resolve(List<EntityMention> deterministic, List<EntityMention> learned) {
        List<EntityMention> kept = new ArrayList<>(longestFirst(deterministic));
        for (EntityMention m : longestFirst(learned)) {
            if (kept.stream().noneMatch(k -> overlaps(k, m))) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(EntityMention::start));
        return kept;
    }

    static boolean overlaps(EntityMention a, EntityMention b) {
        return a.start() < b.end() && b.start() < a.end();
    }

    private static int rank(String source) {
        return switch (source) {
            case "rule" -> 0;
            case "regex" -> 1;
            case "lookup" -> 2;
            default -> 3;
        };
    }
}
