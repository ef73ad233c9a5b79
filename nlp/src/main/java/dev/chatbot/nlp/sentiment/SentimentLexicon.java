package dev.chatbot.nlp.sentiment;

import dev.chatbot.nlp.ml.TextFeaturizer;

import java.util.List;
import java.util.Set;

/**
 * A small hand-written lexicon of how upset or pleased customers write, turned into a handful of
 * features: polar words (with a following-negation flip: "not happy" counts as negative), swearing,
 * urgency and despair, intensifiers, repeated exclamation or question marks, words in capitals,
 * emoticons and emoji. The word lists are the project's own and deliberately short; the learned n-gram
 * and embedding features do the rest.
 */
public final class SentimentLexicon {

    /** Names of the features, in the order of {@link #features}. */
    public static final List<String> FEATURES = List.of("negative_words", "positive_words", "negated_positive",
            "negated_negative", "swearing", "urgency", "intensifiers", "exclamations", "questions", "capitals",
            "negative_emoji", "positive_emoji", "thanks");

    private static final Set<String> NEGATIVE = Set.of("angry", "annoyed", "annoying", "appalling", "awful", "bad",
            "broken", "cheated", "complain", "complaint", "crappy", "damaged", "delay", "delayed", "disappointed",
            "disappointing", "disgrace", "disgraceful", "disgusted", "dreadful", "fail", "failed", "fails", "failure",
            "fed", "frustrated", "frustrating", "furious", "garbage", "hate", "hopeless", "horrible", "incompetent",
            "joke", "late", "liar", "liars", "lied", "lost", "mad", "mess", "missing", "never", "nightmare", "pathetic",
            "poor", "problem", "rip", "ripoff", "ridiculous", "rubbish", "rude", "sad", "scam", "scammed", "shocking",
            "sick", "slow", "sucks", "terrible", "theft", "thieves", "trash", "unacceptable", "unhappy", "upset",
            "useless", "waste", "wasted", "worse", "worst", "wrong", "stuck", "ignored", "ignoring", "refund",
            "cancelled", "overcharged", "charged", "fraud", "lawyer", "sue", "court", "stolen", "stole", "nobody",
            "disappointment", "outrageous", "annoyance", "pissed", "tired", "defective", "faulty", "awfull",
            "terible", "horible", "useles", "dissapointed", "disapointed", "worstt", "furius");
    private static final Set<String> POSITIVE = Set.of("amazing", "appreciate", "appreciated", "awesome", "best",
            "brilliant", "excellent", "fantastic", "fast", "glad", "good", "great", "happy", "helpful", "impressed",
            "kind", "love", "loved", "lovely", "nice", "perfect", "pleased", "quick", "quickly", "recommend",
            "smooth", "solved", "super", "superb", "thank", "thanks", "thx", "ty", "wonderful", "works", "worked",
            "sorted", "fixed", "delighted", "satisfied", "easy", "friendly", "cool", "gr8", "awsome", "grat",
            "excelent", "thnx", "thanx", "legend", "star", "lifesaver");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "dont", "don't", "didnt", "didn't",
            "doesnt", "doesn't", "isnt", "isn't", "wasnt", "wasn't", "cant", "can't", "cannot", "wont", "won't",
            "nothing", "nobody", "neither", "nor", "aint", "ain't", "havent", "haven't", "hasnt", "hasn't", "without");
    private static final Set<String> SWEARING = Set.of("damn", "dammit", "crap", "wtf", "ffs", "shit", "bullshit",
            "hell", "bloody", "fuck", "fucking", "fuckin", "fk", "f'ing", "effing", "stfu", "omfg", "bs", "screw",
            "screwed", "sod", "arse", "ass", "idiots", "idiot", "morons", "moron", "stupid", "dumb");
    private static final Set<String> URGENCY = Set.of("urgent", "urgently", "asap", "immediately", "now", "help",
            "please", "pls", "plz", "desperate", "desperately", "emergency", "again", "still", "days", "weeks",
            "third", "times", "finally", "seriously", "anyone", "hello");
    private static final Set<String> INTENSIFIERS = Set.of("very", "so", "really", "extremely", "totally",
            "completely", "absolutely", "utterly", "incredibly", "super", "too", "such", "most", "beyond");
    private static final Set<String> THANKS = Set.of("thank", "thanks", "thx", "ty", "cheers", "thnx", "thanx");

    private SentimentLexicon() {
    }

    /** The feature values of a text, each squashed into 0..1. */
    public static float[] features(String text) {
        String t = text == null ? "" : text;
        List<String> words = TextFeaturizer.words(t);
        int neg = 0, pos = 0, negPos = 0, negNeg = 0, swear = 0, urgent = 0, intens = 0, thanks = 0;
        int sinceNegation = 99;
        for (String w : words) {
            String plain = w.replace("'", "");
            boolean negated = sinceNegation <= 3;
            if (NEGATIONS.contains(w) || NEGATIONS.contains(plain)) {
                sinceNegation = 0;
                continue;
            }
            sinceNegation++;
            if (POSITIVE.contains(plain)) {
                if (negated) {
                    negPos++;
                } else {
                    pos++;
                }
            }
            if (NEGATIVE.contains(plain)) {
                if (negated) {
                    negNeg++;
                } else {
                    neg++;
                }
            }
            if (SWEARING.contains(plain)) {
                swear++;
            }
            if (URGENCY.contains(plain)) {
                urgent++;
            }
            if (INTENSIFIERS.contains(plain)) {
                intens++;
            }
            if (THANKS.contains(plain)) {
                thanks++;
            }
        }
        int exclam = runs(t, '!');
        int quest = runs(t, '?');
        int capsWords = 0;
        int letterWords = 0;
        for (String raw : t.split("\\s+")) {
            String letters = raw.replaceAll("[^\\p{L}]", "");
            if (letters.length() >= 2) {
                letterWords++;
                if (letters.equals(letters.toUpperCase(java.util.Locale.ROOT))
                        && !letters.equals(letters.toLowerCase(java.util.Locale.ROOT))) {
                    capsWords++;
                }
            }
        }
        int negEmoji = count(t, ":(", ":-(", ":'(", ">:(", "😡", "😠", "🤬", "😤", "😢", "😭", "😞", "👎", "💩", "🙄");
        int posEmoji = count(t, ":)", ":-)", ":D", "😊", "😀", "😃", "😁", "🙂", "😍", "❤", "👍", "🙏", "🎉", "<3");
        return new float[]{squash(neg), squash(pos), squash(negPos), squash(negNeg), squash(swear), squash(urgent),
                squash(intens), squash(exclam), squash(quest),
                letterWords == 0 ? 0f : (float) capsWords / letterWords * (letterWords >= 2 ? 1f : 0.5f),
                squash(negEmoji), squash(posEmoji), squash(thanks)};
    }

    /** Number of runs of two or more of the character ("!!" counts once), plus a half for single ones. */
    private static int runs(String t, char c) {
        int runs = 0;
        int len = 0;
        for (int i = 0; i <= t.length(); i++) {
            if (i < t.length() && t.charAt(i) == c) {
                len++;
            } else {
                if (len >= 2) {
                    runs += 2;
                } else if (len == 1) {
                    runs += 1;
                }
                len = 0;
            }
        }
        return runs;
    }

    private static int count(String t, String... needles) {
        int n = 0;
        for (String s : needles) {
            int from = 0;
            while ((from = t.indexOf(s, from)) >= 0) {
                n++;
                from += s.length();
            }
        }
        return n;
    }

    private static float squash(int count) {
        return count <= 0 ? 0f : (float) (1.0 - Math.exp(-count));
    }
}
